package org.plugboard.sip.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = "org.plugboard.sip", name = "Plugboard SIP stack",
        description = "Listening points, identity and diagnostics of the SIP stack.")
public @interface SipConfig {
    @AttributeDefinition(name = "Listen addresses",
            description = "IPv4 and IPv6 addresses to listen on; 0.0.0.0 and :: mean all. Changing them restarts the listening points.")
    String[] listen_addresses() default {"0.0.0.0", "::"};

    @AttributeDefinition(name = "Port", min = "1", max = "65535")
    int port() default 5060;

    @AttributeDefinition(name = "Transports", description = "UDP and/or TCP.")
    String[] transports() default {"UDP", "TCP"};

    @AttributeDefinition(name = "Server header",
            description = "Server and User-Agent value. No version by default: a version only helps attackers.")
    String server_header() default "Plugboard";

    @AttributeDefinition(name = "SIP trace", description = "Log every SIP message in and out (category org.plugboard.sip.trace). Applies live.")
    boolean trace() default false;

    @AttributeDefinition(name = "Stack threads", description = "JAIN-SIP worker threads for incoming messages.")
    int threads() default 8;

    @AttributeDefinition(name = "UDP socket buffer (bytes)",
            description = "Receive and send buffer of each UDP socket; bursts beyond it are dropped by the kernel. "
                    + "The kernel caps it at net.core.rmem_max / wmem_max.")
    int udp_buffer_size() default 4 * 1024 * 1024;

    @AttributeDefinition(name = "Largest message (bytes)", description = "TCP messages over this are dropped.")
    int max_message_size() default 65536;

    @AttributeDefinition(name = "Hand-over window (s)",
            description = "While a handler bundle is being updated, requests and responses for it wait this long for "
                    + "its next version instead of being refused. 0 disables waiting.")
    int handover_window() default 10;
}
