package org.plugboard.bench.media;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Sets up and tears down the calls of one step. ng: for each call an offer with side A's socket and an answer
 * with side B's; A then sends to the relay port of the answer's SDP, B to the one of the offer's SDP. echo: every
 * stream goes to the echo socket and comes back to the socket that sent it.
 */
final class CallSetup {
    private final NgClient ng;               // null in echo mode
    private final InetSocketAddress echo;    // null in ng mode
    private final Generator gen;
    private final String runId;
    private int created;

    CallSetup(NgClient ng, InetSocketAddress echo, Generator gen, String runId) {
        this.ng = ng;
        this.echo = echo;
        this.gen = gen;
        this.runId = runId;
    }

    /** Fills the step's targets, sources and sinks; throws on the first call that cannot be set up. */
    void setUp(StepState step) throws IOException {
        created = 0;
        for (int c = 0; c < step.calls; c++) {
            int a = gen.sideA(c), b = gen.sideB(c);
            int ab = 2 * c, ba = 2 * c + 1;
            step.source[ab] = a;
            step.source[ba] = b;
            if (ng == null) {
                step.target[ab] = echo;
                step.target[ba] = echo;
                step.sink[ab] = a;
                step.sink[ba] = b;
                continue;
            }
            InetSocketAddress addrA = gen.address(a), addrB = gen.address(b);
            String callId = callId(step, c);
            String toB = ng.offer(callId, "a" + c, Sdp.audio(addrA.getHostString(), addrA.getPort(), 2L * c + 1));
            created++;
            String toA = ng.answer(callId, "a" + c, "b" + c,
                    Sdp.audio(addrB.getHostString(), addrB.getPort(), 2L * c + 2));
            step.target[ab] = loopbackOnly(Sdp.audioTarget(toA));
            step.target[ba] = loopbackOnly(Sdp.audioTarget(toB));
            step.sink[ab] = b;
            step.sink[ba] = a;
        }
    }

    /** Deletes every call set up so far; returns how many deletes failed. */
    int tearDown(StepState step) {
        int failed = 0;
        for (int c = 0; ng != null && c < created; c++) {
            try {
                if (!ng.delete(callId(step, c))) {
                    failed++;
                }
            } catch (IOException e) {
                failed++;
            }
        }
        created = 0;
        return failed;
    }

    private String callId(StepState step, int c) {
        return "bench-" + runId + "-" + step.tag + "-" + c;
    }

    private static InetSocketAddress loopbackOnly(InetSocketAddress a) {
        if (a.isUnresolved() || !a.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("the engine gave a relay address off loopback: " + a);
        }
        return a;
    }
}
