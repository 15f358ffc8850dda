package org.plugboard.rest.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = RestConfig.PID, name = "Plugboard REST API",
        description = "JSON API under /api and the event stream /api/events on the HTTP service (etc/org.ops4j.pax.web.cfg "
                + "sets address and port). Applies live.")
public @interface RestConfig {
    String PID = "org.plugboard.rest";

    @AttributeDefinition(name = "JAAS realm", description = "Karaf JAAS realm that checks HTTP Basic credentials.")
    String realm() default "karaf";

    @AttributeDefinition(name = "Maximum body", description = "Largest request body in bytes; larger ones get 413.")
    long max_body_bytes() default 65536;

    @AttributeDefinition(name = "Event buffer", description = "Events kept for resuming with Last-Event-ID.")
    int events_buffer() default 2000;

    @AttributeDefinition(name = "Event queue", description = "Events waiting for the stream's thread; beyond it events "
            + "are dropped, counted and announced as a 'dropped' event (a call's thread never waits).")
    int events_queue() default 10000;

    @AttributeDefinition(name = "Stream clients", description = "Event stream connections at once; more get 503.")
    int events_clients() default 32;

    @AttributeDefinition(name = "Keep-alive", description = "Seconds between comment lines on an idle stream.")
    int events_keepalive_seconds() default 15;

    @AttributeDefinition(name = "Session idle time", description = "Minutes without a request after which a web page "
            + "login session (cookie PBXSESSION) ends.")
    int session_idle_minutes() default 30;

    @AttributeDefinition(name = "Sessions", description = "Login sessions kept at once; a new login beyond it ends the "
            + "least recently used one.")
    int session_max() default 256;
}
