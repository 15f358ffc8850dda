package org.plugboard.voicemail.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The voicemail settings (PID {@code org.plugboard.voicemail}), shared by the bundle's components. */
@ObjectClassDefinition(name = "Plugboard voicemail", description = "Mailboxes, deposit and login numbers, quota")
public @interface VoicemailConfig {
    String PID = "org.plugboard.voicemail";

    @AttributeDefinition(description = "Number an extension dials for its own mailbox (PIN asked)")
    String own_number() default "*97";

    @AttributeDefinition(description = "Number to log in to any mailbox (box number, then PIN)")
    String any_number() default "*98";

    @AttributeDefinition(description = "Deposit prefix: <prefix><ext> leaves a message for ext after its unavailable "
            + "greeting; forward no-answer/unreachable there (digits only, so forwarding accepts it)")
    String deposit_prefix() default "97";

    @AttributeDefinition(description = "Deposit prefix with the busy greeting: forward busy to <prefix><ext>")
    String deposit_busy_prefix() default "96";

    @AttributeDefinition(description = "Messages a mailbox may hold, 0 = no limit")
    int quota_messages() default 50;

    @AttributeDefinition(description = "Seconds of audio a mailbox may hold in all, 0 = no limit")
    int quota_seconds() default 1800;

    @AttributeDefinition(description = "Longest message in seconds")
    int message_max_seconds() default 120;

    @AttributeDefinition(description = "Longest greeting in seconds")
    int greeting_max_seconds() default 60;

    @AttributeDefinition(description = "Shortest PIN")
    int pin_min_length() default 4;

    @AttributeDefinition(description = "Wrong PINs that end the call (each one is reported to the ban guard)")
    int pin_attempts() default 3;

    @AttributeDefinition(description = "Prompt language (a folder under etc/prompts)")
    String language() default "en";

    @AttributeDefinition(description = "Where messages and greetings live; empty: ${karaf.data}/voicemail")
    String storage() default "";

    @AttributeDefinition(description = "Filter of the DataSource the message metadata is stored in")
    String dataSource_target() default "(dataSourceName=plugboard)";
}
