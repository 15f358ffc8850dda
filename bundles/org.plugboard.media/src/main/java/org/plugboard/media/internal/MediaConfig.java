package org.plugboard.media.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = MediaConfig.PID, name = "Plugboard media relay (local)",
        description = "The in-process RTP/RTCP relay. Changes apply to new sessions; live calls keep their ports "
                + "and settings.")
public @interface MediaConfig {
    String PID = "org.plugboard.media";

    @AttributeDefinition(name = "Lowest port", description = "First port of the pool; RTP gets even ports, RTCP the next odd one.")
    int port_min() default 20000;

    @AttributeDefinition(name = "Highest port", description = "Last port of the pool.")
    int port_max() default 29999;

    @AttributeDefinition(name = "Bind address", description = "IP the relay sockets bind to; 0.0.0.0 for every address.")
    String bind_address() default "0.0.0.0";

    @AttributeDefinition(name = "Advertised address", description = "IP written into c= and o= lines (e.g. the public "
            + "address behind a 1:1 NAT). Empty: per offer, the local address the kernel uses toward the receiver.")
    String advertised_address() default "";

    @AttributeDefinition(name = "Inactivity timeout", description = "Seconds without a packet from any side (and "
            + "nothing on hold) before the B2BUA is told to release the call; 0 turns it off.")
    int inactivity_timeout() default 60;

    @AttributeDefinition(name = "Latch any address", description = "Latch a stream to the first source of any IP, "
            + "not only the SDP's or the signalling one (weaker protection against media hijacking).")
    boolean latch_any_address() default false;

    @AttributeDefinition(name = "Re-latch after (ms)", description = "A latched source silent this long may be "
            + "replaced by a new source passing the IP rule (NAT rebinding).")
    long relatch_after_ms() default 2000;

    @AttributeDefinition(name = "Threads", description = "Event loop threads; 0: one per core. Applies at restart.")
    int threads() default 0;

    @AttributeDefinition(name = "Socket receive buffer", description = "SO_RCVBUF of each relay socket in bytes; 0: system default.")
    int socket_receive_buffer() default 0;

    @AttributeDefinition(name = "Socket send buffer", description = "SO_SNDBUF of each relay socket in bytes; 0: system default.")
    int socket_send_buffer() default 0;

    @AttributeDefinition(name = "Recording announcement", description = "Prompt both parties hear after the warning "
            + "beep when a call recording with the announcement starts (the recording policy's announce): a WAV file "
            + "(8000 Hz mono, G.711 or 16-bit), relative to Karaf's etc folder or absolute. Empty: the beep alone.")
    String recording_announcement() default "";

    @AttributeDefinition(name = "Hand-over timeout", description = "Seconds live sessions wait, sockets open and silent, "
            + "for the next version of the bundle when it is updated or stopped; after that they are closed.", min = "1")
    int handover_timeout() default 30;
}
