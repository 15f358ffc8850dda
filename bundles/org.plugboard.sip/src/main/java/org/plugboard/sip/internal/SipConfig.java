package org.plugboard.sip.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = "org.plugboard.sip", name = "Plugboard SIP stack",
        description = "Listening points, identity and diagnostics of the SIP stack.")
public @interface SipConfig {
    /** See {@link #transaction_keep()}. */
    int DEFAULT_TRANSACTION_KEEP_MS = 5000;
    /** See {@link #overload_max_lag_ms()}. */
    int DEFAULT_MAX_LAG_MS = 1000;
    /** See {@link #overload_drop_after_ms()}. */
    int DEFAULT_DROP_AFTER_MS = 2500;

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

    // ---- overload: admission of new requests on the receive path (Admission, docs/overload.md) ----------------

    @AttributeDefinition(name = "Most new requests per second", min = "0",
            description = "Out-of-dialog INVITE, REGISTER, SUBSCRIBE, MESSAGE... beyond this rate get a stateless 503 with "
                    + "Retry-After before any transaction exists. OPTIONS, ACK, CANCEL and in-dialog requests always pass. "
                    + "0 = no limit. Applies live.")
    int overload_max_rate() default 0;

    @AttributeDefinition(name = "Longest receive lag (ms)", min = "0",
            description = "While the oldest received UDP datagram has waited longer than this for a stack thread, new "
                    + "requests get a stateless 503. Normal operation stays at a few ms. 0 = no limit. Applies live.")
    int overload_max_lag_ms() default DEFAULT_MAX_LAG_MS;

    @AttributeDefinition(name = "Drop requests queued longer than (ms)", min = "0",
            description = "A request that waited longer than this in the UDP receive queue is dropped unparsed and "
                    + "counted when a stack thread gets to it: its sender has retransmitted it or given up by then, so the "
                    + "stack works on requests someone still waits for. Keep it above the receive lag limit, so that new "
                    + "requests get the 503 first. Responses always pass. 0 = never. Applies live.")
    int overload_drop_after_ms() default DEFAULT_DROP_AFTER_MS;

    @AttributeDefinition(name = "Retry-After of the overload 503 (s)", min = "0")
    int overload_retry_after() default 5;
    @AttributeDefinition(name = "Keep finished transactions (ms)", min = "0", max = "32000",
            description = "How long a non-INVITE transaction stays after its final response over UDP to answer "
                    + "retransmissions of its request again (RFC 3261 Timer J is 32000). Challenges (401, 407) are "
                    + "never kept. Applies live.")
    int transaction_keep() default DEFAULT_TRANSACTION_KEEP_MS;

    // ---- SIP over TLS (see tls/SipTls): off until a certificate is configured -----------------------------------

    @AttributeDefinition(name = "TLS port", min = "0", max = "65535",
            description = "SIP over TLS listens here on every listen address once a certificate is configured; 0 turns TLS off.")
    int tls_port() default 5061;

    @AttributeDefinition(name = "TLS certificate (PEM)", required = false,
            description = "Certificate chain, leaf first; a path relative to etc/ or absolute. A renewal is served from the next connection.")
    String tls_certificate() default "";

    @AttributeDefinition(name = "TLS private key (PEM)", required = false,
            description = "Unencrypted PKCS#8 or PKCS#1 RSA key of the certificate; readable by the PBX's user only.")
    String tls_private_key() default "";

    @AttributeDefinition(name = "TLS keystore (PKCS12)", required = false,
            description = "Instead of the two PEM files: a PKCS12 keystore holding the key and its chain.")
    String tls_keystore() default "";

    @AttributeDefinition(name = "TLS keystore password", required = false, type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
    String tls_keystore_password() default "";

    @AttributeDefinition(name = "Trusted CA certificates (PEM)", required = false,
            description = "CAs trusted for TLS toward lines and trunks; empty: the JDK's CAs.")
    String tls_ca_certificates() default "";

    @AttributeDefinition(name = "TLS renewal check (s)", min = "0",
            description = "How often the key files are checked for a renewal; 0 never.")
    int tls_reload_interval() default 60;
}
