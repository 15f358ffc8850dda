package org.plugboard.subscriptions.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Plugboard subscriptions", description = "SUBSCRIBE/NOTIFY dialogs (RFC 6665) for event packages "
        + "such as dialog (BLF). Changes apply live to the next SUBSCRIBE; subscriptions already up keep their expiry.")
public @interface SubscriptionsConfig {
    @AttributeDefinition(name = "Minimum expiry", description = "Seconds; a SUBSCRIBE asking for less (but not 0) gets "
            + "423 Interval Too Brief with Min-Expires")
    int min_expires() default 60;

    @AttributeDefinition(name = "Maximum expiry", description = "Seconds; longer requests are granted this")
    int max_expires() default 3600;

    @AttributeDefinition(name = "Default expiry", description = "Seconds, when the SUBSCRIBE has no Expires header "
            + "(RFC 4235 suggests 3600 for dialog)")
    int default_expires() default 3600;

    @AttributeDefinition(name = "Subscriptions per subscriber", description = "At most this many live subscriptions "
            + "per extension; more get 403 Too Many Subscriptions (a phone with a 40-key side car needs 40)")
    int max_per_subscriber() default 100;

    @AttributeDefinition(name = "Package grace", description = "Seconds the subscriptions of an event wait for its "
            + "package to come back (a bundle update) before they are terminated with reason=noresource")
    int package_grace() default 30;
}
