package org.plugboard.media.ng.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = NgClientConfig.PID, name = "Plugboard remote media engine (ng protocol)",
        description = "One configuration per remote media engine (rtpengine or a Plugboard media node), e.g. "
                + "etc/org.plugboard.media.ng-node1.cfg. Registers a MediaGateway named by 'name'; the calls "
                + "configuration picks it with media.engine = <name>. A change restarts the client: live sessions "
                + "stay on the engine but this PBX forgets them.")
public @interface NgClientConfig {
    String PID = "org.plugboard.media.ng";

    @AttributeDefinition(name = "Engine name", description = "The name calls use to pick this engine "
            + "(service property plugboard.media.engine), e.g. rtpengine or node1. Not 'local'.")
    String name();

    @AttributeDefinition(name = "Address", description = "host:port of the engine's ng UDP socket, e.g. "
            + "127.0.0.1:2223 or [::1]:2223. A host name is resolved once, at activation.")
    String address();

    @AttributeDefinition(name = "Timeout (ms)", description = "How long to wait for each attempt's reply.")
    int timeout_ms() default 500;

    @AttributeDefinition(name = "Retries", description = "Retransmissions (same cookie) after the first attempt. "
            + "A caller waits at most timeout.ms x (retries + 1).")
    int retries() default 2;

    @AttributeDefinition(name = "Poll interval (s)", description = "How often each live session is queried "
            + "(one query in flight per session) to find lost sessions and inactive media.")
    int poll_seconds() default 5;

    @AttributeDefinition(name = "Inactivity timeout (s)", description = "No new RTP from any side not on hold for "
            + "this long reports the session inactive (the B2BUA then releases the call). 0 disables it.")
    int inactivity_timeout() default 60;
}
