package org.plugboard.callback.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = CallbackConfig.PID, name = "Plugboard call-back service",
        description = "A UDP listener through which an application server asks the PBX to connect two numbers (protocol CB/1, "
                + "see the bundle's README). Changes apply live: the socket is closed and opened again; calls up are not touched.")
public @interface CallbackConfig {
    String PID = "org.plugboard.callback";

    @AttributeDefinition(name = "Port", description = "UDP port of the listener; 0 turns the service off (no socket is opened).")
    int port() default 5080;

    @AttributeDefinition(name = "Bind address", description = "IP address the socket binds to; 0.0.0.0 for every IPv4 address.")
    String bindAddress() default "127.0.0.1";

    @AttributeDefinition(name = "Allowed addresses", description = "IP addresses of application servers that may send "
            + "requests, separated by commas; others are dropped and counted. Empty: any address (logged as a warning at every start).")
    String allowedAddresses() default "127.0.0.1";

    @AttributeDefinition(name = "Maximum datagram size", description = "Bytes; a larger datagram is answered with error 413.")
    int maxDatagramBytes() default 512;

    @AttributeDefinition(name = "Requests per second per sender", description = "Beyond this rate (bursts of as many) a "
            + "sender's datagrams are dropped and counted, without an answer.")
    int requestsPerSecond() default 5;

    @AttributeDefinition(name = "Answer timeout", description = "Seconds each party may ring when a request gives no timeout= (1-300).")
    int answerTimeout() default 30;

    @AttributeDefinition(name = "Maximum live calls", description = "Call-back calls being set up or up at once; beyond it "
            + "requests are answered with error 503.")
    int maxLive() default 50;

    @AttributeDefinition(name = "Repeat window", description = "Seconds an accepted request is remembered after it was "
            + "accepted (and always while its call is pending or up): the same id from the same address again gets the first "
            + "request's answer and status, never a second call. 0: repeats are not detected (CANCEL still finds live calls).")
    int repeatWindowSeconds() default 300;
}
