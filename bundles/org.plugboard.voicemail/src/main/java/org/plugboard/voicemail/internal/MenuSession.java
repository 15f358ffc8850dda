package org.plugboard.voicemail.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.plugboard.api.application.ApplicationLeg;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.media.DigitCollection;
import org.plugboard.api.media.Recording;
import org.plugboard.api.media.Tone;
import org.plugboard.api.service.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mailbox owner's menu, one state per method, each a completion stage on the leg:
 * <pre>
 * login:   [box number #] PIN # (a wrong PIN again; the last allowed wrong one ends the call, each is reported)
 * main:    envelope, then 1 new messages, 2 saved messages, 3 greetings, 4 change PIN, * goodbye
 * message: plays it; 5 replay, 6 next, 7 delete, 9 save, * main menu
 * greeting: 1 record the unavailable greeting, 2 the busy greeting, * main menu
 * </pre>
 * Three silences in the main menu end the call. Writes (save, delete, PIN) are the {@link Mailboxes}' stages; the
 * menu goes on when they are done.
 */
final class MenuSession {
    private static final Logger LOG = LoggerFactory.getLogger(MenuSession.class);
    static final DigitCollection ONE_DIGIT = new DigitCollection(1, "", Duration.ofSeconds(6), Duration.ofSeconds(1), false);
    static final DigitCollection NUMBER = new DigitCollection(16, "#", Duration.ofSeconds(6), Duration.ofSeconds(4), false);
    static final int SILENCES = 3;

    /** What the menu reports about PIN checks (the ban guard). */
    interface PinEvents {
        void wrong(ApplicationLeg leg, String box);

        void right(ApplicationLeg leg, String box);
    }

    private final Mailboxes boxes;
    private final ApplicationLeg leg;
    private final int attempts;
    private final int minPin;
    private final Duration greetingMax;
    private final PinEvents pins;
    private String box;

    MenuSession(Mailboxes boxes, ApplicationLeg leg, String box, int attempts, int minPin, Duration greetingMax, PinEvents pins) {
        this.boxes = boxes;
        this.leg = leg;
        this.box = box == null ? "" : box;
        this.attempts = attempts;
        this.minPin = minPin;
        this.greetingMax = greetingMax;
        this.pins = pins;
    }

    CompletionStage<Outcome> run() {
        if (box.isEmpty()) {
            return leg.playAll(List.of(Prompts.ENTER_MAILBOX), true).thenCompose(x -> leg.collect(NUMBER))
                    .thenCompose(digits -> {
                        box = digits;
                        return login(0); // an unknown box is only a wrong PIN: the caller learns nothing
                    });
        }
        if (!boxes.hasPin(box)) {
            return leg.playAll(List.of(Prompts.NO_PIN, Prompts.GOODBYE), false).thenApply(x -> continued());
        }
        return login(0);
    }

    private CompletionStage<Outcome> login(int failures) {
        return leg.playAll(List.of(Prompts.ENTER_PIN), true).thenCompose(x -> leg.collect(NUMBER))
                .thenCompose(pin -> boxes.checkPin(box, pin)).thenCompose(ok -> {
                    if (ok) {
                        pins.right(leg, box);
                        LOG.info("Call {}: {} logged in to mailbox {}", leg.callId(), leg.caller(), box);
                        return main(0, true);
                    }
                    pins.wrong(leg, box);
                    int now = failures + 1;
                    LOG.warn("Call {}: wrong voicemail PIN for box '{}' from {} ({} of {})", leg.callId(), box,
                            leg.caller(), now, attempts);
                    if (now >= attempts) {
                        return leg.playAll(List.of(Prompts.INVALID, Prompts.GOODBYE), false)
                                .thenApply(x -> (Outcome) new Outcome.Reject(403, "Wrong PIN", 21,
                                        "wrong voicemail PIN " + now + " times for box " + box, CallTag.CALLEE_REJECTED));
                    }
                    return leg.playAll(List.of(Prompts.INVALID), true).thenCompose(x -> login(now));
                });
    }

    private CompletionStage<Outcome> main(int silences, boolean envelope) {
        List<String> prompts = new ArrayList<>(envelope ? Prompts.envelope(boxes.counts(box)) : List.of());
        prompts.add(Prompts.MAIN_MENU);
        return leg.playAll(prompts, true).thenCompose(x -> leg.collect(ONE_DIGIT)).thenCompose(d -> switch (d) {
            case "1" -> listen(boxes.messages(box, Message.Folder.NEW), 0);
            case "2" -> listen(boxes.messages(box, Message.Folder.SAVED), 0);
            case "3" -> greetings();
            case "4" -> changePin();
            case "*" -> goodbye();
            case "" -> silences + 1 >= SILENCES ? goodbye() : main(silences + 1, false);
            default -> invalid().thenCompose(x -> main(silences, false));
        });
    }

    private CompletionStage<Outcome> listen(List<Message> messages, int index) {
        if (index >= messages.size()) {
            return leg.playAll(List.of(Prompts.NO_MORE), true).thenCompose(x -> main(0, false));
        }
        Message m = messages.get(index);
        return leg.playAll(List.of(boxes.file(m).toString()), true)
                .thenCompose(interrupted -> interrupted ? CompletableFuture.completedFuture(true)
                        : leg.playAll(List.of(Prompts.MESSAGE_MENU), true))
                .thenCompose(x -> leg.collect(ONE_DIGIT)).thenCompose(d -> switch (d) {
                    case "5" -> listen(messages, index);
                    case "6" -> listen(messages, index + 1);
                    case "7" -> boxes.delete(List.of(m)).thenCompose(n -> leg.playAll(List.of(Prompts.DELETED), true))
                            .thenCompose(x -> listen(messages, index + 1));
                    case "9" -> (m.folder() == Message.Folder.NEW ? boxes.save(m) : CompletableFuture.<Void>completedFuture(null))
                            .thenCompose(n -> leg.playAll(List.of(Prompts.KEPT), true))
                            .thenCompose(x -> listen(messages, index + 1));
                    case "*", "" -> main(0, false);
                    default -> invalid().thenCompose(x -> listen(messages, index));
                });
    }

    private CompletionStage<Outcome> greetings() {
        return leg.playAll(List.of(Prompts.GREETING_MENU), true).thenCompose(x -> leg.collect(ONE_DIGIT))
                .thenCompose(d -> switch (d) {
                    case "1" -> recordGreeting(boxes.greeting(box, Numbers.UNAVAILABLE));
                    case "2" -> recordGreeting(boxes.greeting(box, Numbers.BUSY));
                    case "*", "" -> main(0, false);
                    default -> invalid().thenCompose(x -> greetings());
                });
    }

    /** The engine writes the new greeting beside the old one and moves it over it once complete. */
    private CompletionStage<Outcome> recordGreeting(Path file) {
        return boxes.prepare(box).thenCompose(x -> leg.playAll(List.of(Prompts.RECORD_GREETING), false))
                .thenCompose(x -> leg.tone(Tone.CONFIRMATION, null))
                .thenCompose(x -> leg.record(file, new Recording.Options(greetingMax, "#", null)))
                .thenCompose(r -> {
                    LOG.info("Call {}: box {} recorded greeting {} ({})", leg.callId(), box, file.getFileName(), r.length());
                    return leg.playAll(List.of(Prompts.GREETING_SAVED), true);
                })
                .thenCompose(x -> main(0, false));
    }

    private CompletionStage<Outcome> changePin() {
        return leg.playAll(List.of(Prompts.NEW_PIN), true).thenCompose(x -> leg.collect(NUMBER)).thenCompose(pin -> {
            if (Pins.problem(pin, minPin) != null) {
                return invalid().thenCompose(x -> main(0, false));
            }
            return boxes.setPin(box, pin).thenCompose(x -> leg.playAll(List.of(Prompts.PIN_CHANGED), true))
                    .thenCompose(x -> main(0, false));
        });
    }

    private CompletionStage<Boolean> invalid() {
        return leg.playAll(List.of(Prompts.INVALID), true);
    }

    private CompletionStage<Outcome> goodbye() {
        return leg.playAll(List.of(Prompts.GOODBYE), false).thenApply(x -> continued());
    }

    private static Outcome continued() {
        return new Outcome.Continue();
    }
}
