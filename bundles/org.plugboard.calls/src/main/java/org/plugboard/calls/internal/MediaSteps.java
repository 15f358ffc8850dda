package org.plugboard.calls.internal;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import org.plugboard.api.sip.NextHop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A call's media steps (SDP relayed through the engine) and what follows each, run on the call's strand in the
 * order they were asked, one at a time: a remote engine's answer never blocks the strand, and a 180 without SDP
 * never overtakes the 183 with SDP before it. A step that completes at once (the in-process relay) runs inline, so
 * nothing changes for it.
 */
final class MediaSteps {
    private static final Logger LOG = LoggerFactory.getLogger(MediaSteps.class);

    /** What follows a relay: the body to send on, or why there is none. */
    interface Then {
        void run(byte[] relayed, SdpBridge.BadSdpException failure);
    }

    /** One queued step, kept on the call (strand only). */
    record Step(Supplier<CompletionStage<byte[]>> start, Then then) {
    }

    private final SdpBridge sdp;
    private final BiConsumer<Call, Runnable> onStrand;

    MediaSteps(SdpBridge sdp, BiConsumer<Call, Runnable> onStrand) {
        this.sdp = sdp;
        this.onStrand = onStrand;
    }

    SdpBridge bridge() {
        return sdp;
    }

    /**
     * Relays a body {@code from}'s party sent, once the engine is ready and the call's earlier steps are done;
     * {@code then} runs on the strand. The body is remembered as that party's last SDP.
     */
    void relay(Call call, Leg from, NextHop toward, byte[] body, boolean offer, Then then) {
        from.lastSdpReceived = body;
        step(call, from, toward, body, offer, then);
    }

    /**
     * Offers again, as an offer from {@code from}'s side, a body that party sent before (a transfer gives the
     * transferee's SDP to the target, and the target's to the transferee): not remembered as new.
     */
    void reoffer(Call call, Leg from, NextHop toward, byte[] body, Then then) {
        step(call, from, toward, body, true, then);
    }

    private void step(Call call, Leg from, NextHop toward, byte[] body, boolean offer, Then then) {
        enqueue(call, new Step(() -> sdp.ready(call).thenApply(x -> (byte[]) null), (x, f) -> {
        }));
        enqueue(call, new Step(() -> call.released()
                ? SdpBridge.failed(new SdpBridge.BadSdpException("the call ended", 487, org.plugboard.api.calls.CallTag.CALLER_CANCEL))
                : sdp.relay(call, from, toward, body, offer), then));
    }

    /** Runs {@code then} on the strand after the call's pending steps (a message with no body keeps its place). */
    void after(Call call, Runnable then) {
        enqueue(call, new Step(() -> CompletableFuture.completedFuture(null), (x, f) -> then.run()));
    }

    private void enqueue(Call call, Step step) {
        call.mediaSteps.add(step);
        pump(call);
    }

    private void pump(Call call) {
        if (call.mediaBusy) {
            return;
        }
        call.mediaBusy = true;
        ArrayDeque<Step> queue = call.mediaSteps;
        while (!queue.isEmpty()) {
            Step step = queue.poll();
            CompletableFuture<byte[]> f = start(step);
            if (!f.isDone()) {
                f.whenComplete((r, e) -> onStrand.accept(call, () -> {
                    finish(call, step, f);
                    call.mediaBusy = false;
                    pump(call);
                }));
                return; // busy until the engine answers
            }
            finish(call, step, f);
        }
        call.mediaBusy = false;
    }

    private static CompletableFuture<byte[]> start(Step step) {
        try {
            return step.start().get().toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static void finish(Call call, Step step, CompletableFuture<byte[]> f) {
        byte[] relayed = null;
        SdpBridge.BadSdpException failure = null;
        try {
            relayed = f.join();
        } catch (CompletionException | java.util.concurrent.CancellationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            failure = cause instanceof SdpBridge.BadSdpException b ? b
                    : new SdpBridge.BadSdpException("media step failed: " + cause, 503, org.plugboard.api.calls.CallTag.MEDIA_FAILURE);
        }
        try {
            step.then().run(relayed, failure);
        } catch (RuntimeException e) {
            LOG.error("Call {}: a step after a media relay failed", call.id, e);
        }
    }
}
