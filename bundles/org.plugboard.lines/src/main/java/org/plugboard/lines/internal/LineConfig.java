package org.plugboard.lines.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One external line: factory configuration {@code org.plugboard.lines}, e.g. {@code etc/org.plugboard.lines-carrier1.cfg}. */
@ObjectClassDefinition(name = "Plugboard external line",
        description = "An account at a VoIP provider that the PBX registers to as a client.")
public @interface LineConfig {
    @AttributeDefinition(description = "Line name: the profile is line:<name> (rewriters, calls)")
    String name();

    @AttributeDefinition(description = "Provider domain (host[:port]); Request-URI, To and From of REGISTER keep it")
    String domain();

    @AttributeDefinition(description = "Outbound proxy / SBC host:port where messages are sent instead of the domain; "
            + "empty: the domain itself")
    String proxy() default "";

    @AttributeDefinition(description = "UDP, TCP or TLS (default port 5061; the provider's certificate is checked against "
            + "tls.ca.certificates of org.plugboard.sip, and SIP over TLS must be on there)", options = {
        @org.osgi.service.metatype.annotations.Option(value = "UDP"),
        @org.osgi.service.metatype.annotations.Option(value = "TCP"),
        @org.osgi.service.metatype.annotations.Option(value = "TLS")})
    String transport() default "UDP";

    @AttributeDefinition(description = "Account: the user part of From, To and Contact")
    String account();

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "Password of the account")
    String password();

    @AttributeDefinition(name = "auth.id", description = "Authorization ID (digest user name); empty: the account")
    String auth_id() default "";

    @AttributeDefinition(name = "auth.id.with.domain",
            description = "Send the authorization ID as id@domain, as some IMS softswitches require (403 otherwise)")
    boolean auth_id_with_domain() default false;

    @AttributeDefinition(description = "Registration expiry asked for, in seconds")
    int expires() default 3600;

    @AttributeDefinition(description = "Register to the provider (false: an IP-authenticated account)")
    boolean register() default true;

    @AttributeDefinition(name = "retry.interval", description = "Seconds before the first retry after a failure; doubles")
    int retry_interval() default 30;

    @AttributeDefinition(name = "retry.max.interval", description = "Longest wait between retries, seconds")
    int retry_max_interval() default 600;

    @AttributeDefinition(description = "Inbound numbers to extensions, e.g. 0123456=1001 (comma separated); *=1001 takes every other number; no match: 404")
    String[] did() default {};

    @AttributeDefinition(description = "Dial prefix that takes this line for outbound calls, stripped; empty: no outbound calls")
    String prefix() default "";

    @AttributeDefinition(name = "caller.id", description = "Caller id (From user) presented on outbound calls; empty: the account")
    String caller_id() default "";
}
