package org.plugboard.ivr.internal;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.plugboard.api.application.ApplicationLeg;
import org.plugboard.api.media.DigitCollection;
import org.plugboard.api.service.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call in one IVR: a state machine over the immutable {@link Ivr} it started with. The state is a stack of
 * step lists with their positions (a choice's steps are pushed; when they end, the steps after the choice go on;
 * a goto replaces the stack) and the call's variables. Steps that need the caller (play, collect) start a stage of
 * the leg and return; the stage completes on the call's strand and the machine goes on from there. Nothing blocks.
 * Ends with {@link Outcome.Redirect} (transfer), or {@link Outcome#proceed()} (hang up, the end of a menu, the caller
 * gone, too many steps without the caller: a goto loop).
 */
final class IvrRun {
    private static final Logger LOG = LoggerFactory.getLogger(IvrRun.class);
    /** Steps in a row without a prompt played or digits collected: more is a loop (of gotos, of failing prompts), ended. */
    static final int MAX_SILENT_STEPS = 200;
    static final String REASON = "deflection";
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9_\\-]*)\\}");

    private final ApplicationLeg leg;
    private final Ivr ivr;
    private final Clock clock;
    private final Map<String, String> vars = new HashMap<>();
    private final Deque<Frame> stack = new ArrayDeque<>();
    private final CompletableFuture<Outcome> done = new CompletableFuture<>();
    private int silentSteps;

    /** A step list and the index of its next step. */
    private static final class Frame {
        final List<Step> steps;
        int next;

        Frame(List<Step> steps) {
            this.steps = steps;
        }
    }

    IvrRun(ApplicationLeg leg, Ivr ivr, Clock clock) {
        this.leg = leg;
        this.ivr = ivr;
        this.clock = clock;
    }

    CompletionStage<Outcome> start() {
        vars.put("caller", leg.caller() == null ? "" : leg.caller());
        vars.put("number", ivr.number());
        enter(ivr.start());
        advance();
        return done;
    }

    /** The variables now (for tests). */
    Map<String, String> variables() {
        return Map.copyOf(vars);
    }

    private void enter(String menu) {
        stack.clear();
        stack.push(new Frame(ivr.menus().get(menu).steps()));
    }

    private Step next() {
        while (!stack.isEmpty()) {
            Frame top = stack.peek();
            if (top.next < top.steps.size()) {
                return top.steps.get(top.next++);
            }
            stack.pop();
        }
        return null;
    }

    /** Runs steps until one waits for the caller or the IVR ends. */
    private void advance() {
        while (!done.isDone()) {
            Step step = next();
            if (step == null) {
                finish(Outcome.proceed(), "end of menu");
                return;
            }
            if (++silentSteps > MAX_SILENT_STEPS) {
                LOG.warn("Call {}: IVR '{}' ran {} steps without playing or collecting (a goto loop?); hanging up", leg.callId(),
                        ivr.name(), MAX_SILENT_STEPS);
                finish(Outcome.proceed(), "loop");
                return;
            }
            if (step instanceof Step.Play p) {
                leg.play(p.prompt(), p.bargeIn()).whenComplete((v, e) -> resume(e, "play " + p.prompt()));
                return;
            } else if (step instanceof Step.Collect c) {
                attempt(c, 0);
                return;
            } else if (step instanceof Step.Branch b) {
                choose(b.choices(), vars.get(b.var()), b.otherwise());
            } else if (step instanceof Step.Time t) {
                Hours.State state = ivr.hours().get(t.hours()).at(clock.instant());
                push(state == Hours.State.OPEN ? t.open()
                        : state == Hours.State.HOLIDAY && t.holiday() != null ? t.holiday() : t.closed());
            } else if (step instanceof Step.SetVar s) {
                vars.put(s.var(), expand(s.value()));
            } else if (step instanceof Step.Goto g) {
                enter(g.menu());
            } else if (step instanceof Step.Transfer t) {
                transfer(t);
                return;
            } else {
                finish(Outcome.proceed(), "hangup");
                return;
            }
        }
    }

    private void transfer(Step.Transfer t) {
        String to = expand(t.to());
        if (!to.matches("\\+?[0-9*#]+")) {
            LOG.warn("Call {}: IVR '{}' cannot transfer to '{}' (from '{}'): not a number; hanging up", leg.callId(), ivr.name(), to,
                    t.to());
            finish(Outcome.proceed(), "bad transfer target");
            return;
        }
        finish(new Outcome.Redirect(to, REASON, false), "transfer to " + t.kind() + " " + to);
    }

    /** One try of a collect: its prompt (barge-in), the digits, then a choice, a retry or what follows. */
    private void attempt(Step.Collect c, int tries) {
        CompletionStage<Boolean> prompt = c.prompt() == null ? CompletableFuture.completedFuture(false)
                : leg.playAll(List.of(c.prompt()), true);
        prompt.thenCompose(interrupted -> leg.collect(new DigitCollection(c.max(), c.terminator(), c.firstTimeout(),
                c.interTimeout(), false))).whenComplete((digits, error) -> {
                    if (gone(error, "collect")) {
                        return;
                    }
                    silentSteps = error == null ? 0 : silentSteps;
                    String typed = digits == null ? "" : digits;
                    vars.put(c.var(), typed);
                    Step.Choice choice = match(c.choices(), typed);
                    if (choice != null) {
                        push(choice.steps());
                        advance();
                    } else if (tries < c.retries()) {
                        leg.play(typed.isEmpty() ? c.noInput() : c.invalid(), true).whenComplete((v, e) -> {
                            if (!gone(e, "play")) {
                                attempt(c, tries + 1);
                            }
                        });
                    } else {
                        push(c.otherwise());
                        advance();
                    }
                });
    }

    private void choose(List<Step.Choice> choices, String value, List<Step> otherwise) {
        Step.Choice choice = match(choices, value);
        push(choice != null ? choice.steps() : otherwise);
    }

    private static Step.Choice match(List<Step.Choice> choices, String value) {
        for (Step.Choice c : choices) {
            if (c.matches(value)) {
                return c;
            }
        }
        return null;
    }

    private void push(List<Step> steps) {
        if (!steps.isEmpty()) {
            stack.push(new Frame(steps));
        }
    }

    private void resume(Throwable error, String what) {
        if (error == null) {
            silentSteps = 0; // the caller heard something: not a loop
        }
        if (!gone(error, what)) {
            advance();
        }
    }

    /**
     * True when the IVR is over because of {@code error}: the caller gone ends it quietly. Any other failure (a
     * prompt that cannot be played) is logged and the IVR goes on, so a missing file does not strand the caller.
     */
    private boolean gone(Throwable error, String what) {
        if (error == null) {
            return done.isDone();
        }
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof ApplicationLeg.LegGoneException) {
            finish(Outcome.proceed(), "caller gone");
            return true;
        }
        LOG.warn("Call {}: IVR '{}': {} failed: {}", leg.callId(), ivr.name(), what, cause.toString());
        return done.isDone();
    }

    String expand(String value) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(vars.getOrDefault(m.group(1), "")));
        }
        m.appendTail(out);
        return out.toString();
    }

    private void finish(Outcome outcome, String why) {
        if (done.complete(outcome)) {
            LOG.debug("Call {}: IVR '{}' version {} ended: {}", leg.callId(), ivr.name(), ivr.version(), why);
        }
    }
}
