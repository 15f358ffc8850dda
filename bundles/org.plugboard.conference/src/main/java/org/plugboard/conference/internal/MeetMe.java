package org.plugboard.conference.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import org.plugboard.api.application.ApplicationLeg;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.media.Beep;
import org.plugboard.api.media.Conference;
import org.plugboard.api.media.DigitCollection;
import org.plugboard.api.media.MediaEndpoint;
import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.MediaGateway;
import org.plugboard.api.media.Tone;
import org.plugboard.api.service.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One caller in a meet-me room: the PIN (when the room has one), a seat (a full room: busy tone, then 486), the
 * engine's room, a join beep for the others, then nothing but waiting until the caller hangs up (a digit collection
 * that fails with {@link ApplicationLeg.LegGoneException}) or the console removes it; then it leaves, the others hear
 * the leave beep, and the last one out closes the engine's room. Never blocks: stages only.
 */
final class MeetMe {
    private static final Logger LOG = LoggerFactory.getLogger(MeetMe.class);
    /**
     * Loaded with this class: after the feature is uninstalled the flows of callers still in a room finish on this
     * version's code, whose bundle can no longer load a class it did not load before (Felix: "the bundle wiring ...
     * is no longer valid"). These are what a flow needs after it joined: kicked, gone, failed, the leave beep.
     */
    static final List<Class<?>> NEEDED_AFTER_UNINSTALL = List.of(Outcome.Reject.class, Outcome.Continue.class,
            CallTag.class, Beep.class, ApplicationLeg.LegGoneException.class, MediaException.class, CompletionException.class);
    static final String ENTER_PIN = "enter-pin";
    static final String INVALID = "invalid";
    static final String GOODBYE = "goodbye";
    /** While in the room: digits are taken and ignored; the collection is what tells the caller has gone. */
    static final DigitCollection WAIT = new DigitCollection(64, "", Duration.ofHours(1), Duration.ofHours(1), true);

    /** The settings a caller's way into a room follows. */
    record Settings(int pinAttempts, Duration pinTimeout, Duration fullTone) {
    }

    private final ApplicationLeg leg;
    private final Room room;
    private final LiveRooms live;
    private final Function<String, MediaGateway> gateways;
    private final Settings settings;

    MeetMe(ApplicationLeg leg, Room room, LiveRooms live, Function<String, MediaGateway> gateways, Settings settings) {
        this.leg = leg;
        this.room = room;
        this.live = live;
        this.gateways = gateways;
        this.settings = settings;
    }

    CompletionStage<Outcome> run() {
        CompletionStage<Outcome> done = room.hasPin()
                ? askPin(1).thenCompose(right -> right ? enter() : wrongPin())
                : enter();
        return done.exceptionally(this::failed);
    }

    private CompletionStage<Boolean> askPin(int attempt) {
        DigitCollection pin = new DigitCollection(12, "#", settings.pinTimeout(), Duration.ofSeconds(5), false);
        return leg.play(ENTER_PIN, true).thenCompose(v -> leg.collect(pin)).thenCompose(digits -> {
            if (room.pin().equals(digits)) {
                return CompletableFuture.completedFuture(true);
            }
            LOG.info("Call {}: {} gave a wrong PIN for conference {} ({} of {})", leg.callId(), leg.caller(), room.number(), attempt,
                    settings.pinAttempts());
            if (attempt >= settings.pinAttempts()) {
                return CompletableFuture.completedFuture(false);
            }
            return leg.play(INVALID, true).thenCompose(v -> askPin(attempt + 1));
        });
    }

    private CompletionStage<Outcome> wrongPin() {
        return leg.play(GOODBYE, false).thenApply(v -> Outcome.reject(403, "Forbidden", 21, "conference " + room.number()
                + ": wrong PIN " + settings.pinAttempts() + " times", CallTag.NOT_PERMITTED));
    }

    private CompletionStage<Outcome> enter() {
        LiveRooms.Seat seat = live.reserve(room).orElse(null);
        if (seat == null) {
            LOG.info("Call {}: conference {} is full ({} members), {} refused", leg.callId(), room.number(), room.maxMembers(), leg.caller());
            return leg.tone(Tone.BUSY, settings.fullTone()).thenApply(v -> Outcome.reject(486, "Busy Here", 17,
                    "conference " + room.number() + " is full (" + room.maxMembers() + " members)", CallTag.CALL_LIMIT));
        }
        MediaEndpoint endpoint = leg.endpoint();
        MediaGateway gateway = gateways.apply(endpoint.engine());
        if (gateway == null) {
            live.leave(seat);
            return CompletableFuture.completedFuture(Outcome.reject(503, "Service Unavailable", 47, "conference " + room.number()
                    + ": no media gateway '" + endpoint.engine() + "' registered to mix it", CallTag.MEDIA_FAILURE));
        }
        CompletableFuture<Outcome> done = new CompletableFuture<>();
        live.open(seat, gateway).thenCompose(conference -> {
            if (live.others(seat) > 0) {
                conference.beep(Beep.JOIN); // before the join: the others hear it, the newcomer does not
            }
            return conference.join(endpoint, false).thenApply(v -> conference);
        }).whenComplete((conference, error) -> {
            if (error != null) {
                live.leave(seat);
                done.completeExceptionally(error);
                return;
            }
            live.joined(seat, endpoint, leg.caller(), leg.callId());
            LOG.info("Call {}: {} joined conference {} (member {})", leg.callId(), leg.caller(), room.number(), seat.id());
            seat.kicked.thenAccept(text -> done.complete(Outcome.reject(480, "Temporarily Unavailable", 16, text, CallTag.ADMIN_HANGUP)));
            stay(done);
            done.whenComplete((o, e) -> leave(seat, conference, endpoint));
        });
        return done;
    }

    /** Waits for the caller to hang up (the collection fails) or the console to remove it. Bounded by the call. */
    private void stay(CompletableFuture<Outcome> done) {
        leg.collect(WAIT).whenComplete((digits, error) -> {
            if (done.isDone()) {
                return;
            }
            if (error != null) {
                done.complete(Outcome.proceed()); // gone, or the engine failed: either way the caller is out
            } else {
                stay(done);
            }
        });
    }

    private void leave(LiveRooms.Seat seat, Conference conference, MediaEndpoint endpoint) {
        conference.leave(endpoint);
        int left = live.leave(seat);
        if (left > 0) {
            conference.beep(Beep.LEAVE);
        }
        LOG.info("Call {}: {} left conference {} ({} member(s) left)", leg.callId(), leg.caller(), room.number(), left);
    }

    private Outcome failed(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof ApplicationLeg.LegGoneException || leg.endpoint().closed()) {
            return Outcome.proceed(); // the caller hung up: nothing to tell
        }
        LOG.warn("Call {}: conference {} failed for {}: {}", leg.callId(), room.number(), leg.caller(), cause.toString());
        return Outcome.reject(503, "Service Unavailable", 47, "conference " + room.number() + ": " + cause.getMessage(),
                cause instanceof MediaException ? CallTag.MEDIA_FAILURE : CallTag.SYSTEM);
    }
}
