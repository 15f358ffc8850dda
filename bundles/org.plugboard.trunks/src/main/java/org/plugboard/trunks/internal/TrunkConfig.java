package org.plugboard.trunks.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** One SIP trunk: factory configuration {@code org.plugboard.trunks}, e.g. {@code etc/org.plugboard.trunks-carrier.cfg}. */
@ObjectClassDefinition(name = "Plugboard SIP trunk",
        description = "An IP peer: calls from its addresses are accepted without registration, calls to it go by prefix.")
public @interface TrunkConfig {
    @AttributeDefinition(description = "Trunk name: the profile is trunk:<name> (rewriters, calls)")
    String name();

    @AttributeDefinition(description = "Addresses inbound calls are accepted from: host or IP, optionally :port "
            + "(comma separated); the address below counts as a peer too")
    String[] peers() default {};

    @AttributeDefinition(description = "host[:port] outbound calls are sent to (Request-URI sip:<number>@<address>); "
            + "empty: no outbound calls")
    String address() default "";

    @AttributeDefinition(description = "UDP, TCP or TLS toward the address (TLS: default port 5061, the peer's "
            + "certificate checked against tls.ca.certificates of org.plugboard.sip, where SIP over TLS must be on)",
            options = {@Option(value = "UDP"), @Option(value = "TCP"), @Option(value = "TLS")})
    String transport() default "UDP";

    @AttributeDefinition(description = "Dial prefix that takes this trunk for phones' calls, stripped; the longest "
            + "prefix of all lines and trunks wins; empty: no outbound calls")
    String prefix() default "";

    @AttributeDefinition(name = "caller.id", description = "Caller id (From user) on outbound calls; empty: the caller's extension")
    String caller_id() default "";

    @AttributeDefinition(description = "Inbound numbers to extensions, e.g. +4930123456=1002 (comma separated); "
            + "*=1001 takes every other number; no match: 404")
    String[] did() default {};

    @AttributeDefinition(name = "max.inbound", description = "Concurrent inbound calls; 0: outbound only; "
            + "empty or negative: unlimited")
    String max_inbound() default "";

    @AttributeDefinition(name = "max.outbound", description = "Concurrent outbound calls; 0: inbound only; "
            + "empty or negative: unlimited")
    String max_outbound() default "";

    @AttributeDefinition(description = "User name for a peer that challenges our INVITEs (401/407); empty: none")
    String username() default "";

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "Password for that challenge")
    String password() default "";
}
