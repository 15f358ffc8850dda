package org.plugboard.sip.internal.capture;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = HepConfig.PID, name = "Plugboard SIP capture (HEP)",
        description = "Exports a copy of every SIP message in and out to a HEP v3 collector (Homer, heplify-server) over UDP.")
public @interface HepConfig {
    String PID = "org.plugboard.sip.hep";

    @AttributeDefinition(name = "Collector", description = "host:port of the HEP collector, e.g. 192.0.2.10:9060 or "
            + "[2001:db8::10]:9060. Empty: no export. Applies live.")
    String collector() default "";

    @AttributeDefinition(name = "Capture id", description = "Capture agent id sent with every packet (tells nodes apart in Homer).")
    int capture_id() default 2001;

    @AttributeDefinition(name = "Queue size", min = "100",
            description = "Messages waiting for the sender thread at most; beyond, messages are dropped and counted.")
    int queue_size() default 10000;
}
