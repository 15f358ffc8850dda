package org.plugboard.media.ng.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = NgServerConfig.PID, name = "Plugboard media node: ng server",
        description = "Answers rtpengine's ng protocol (UDP) with a local MediaGateway, so PBX nodes can use this "
                + "process as a shared media engine. Only present with etc/org.plugboard.media.ng.server.cfg. A change "
                + "restarts the server and releases the sessions it served.")
public @interface NgServerConfig {
    String PID = "org.plugboard.media.ng.server";

    @AttributeDefinition(name = "Listen", description = "host:port of the ng UDP socket, e.g. 127.0.0.1:2223 or [::1]:2223. "
            + "Anyone who can reach it controls the relay: keep it on a private address.")
    String listen() default "127.0.0.1:2223";

    @AttributeDefinition(name = "Engine filter", description = "Which MediaGateway service to serve (LDAP filter).")
    String engine_target() default "(plugboard.media.engine=local)";

    @AttributeDefinition(name = "Worker threads", description = "Threads executing commands (gateway calls may block briefly).")
    int threads() default 2;

    @AttributeDefinition(name = "Reply cache (s)", description = "How long a reply is kept by cookie, so a retransmitted "
            + "command is answered again without being executed twice.")
    int reply_cache_seconds() default 30;
}
