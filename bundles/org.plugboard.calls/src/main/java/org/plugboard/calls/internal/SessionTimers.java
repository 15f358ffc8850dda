package org.plugboard.calls.internal;

import java.text.ParseException;
import java.time.Clock;

import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.header.HeaderFactory;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.plugboard.api.calls.CallState;
import org.plugboard.api.calls.CallTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Session timers (RFC 4028), per leg. The caller refreshes its own leg ({@code refresher=uac} in our 200): without a
 * re-INVITE or UPDATE before the interval ends, the call is released. A callee whose 200 makes us the refresher
 * gets an UPDATE without SDP every half interval; an unanswered refresh is a dead leg (see the response handling).
 */
final class SessionTimers {
    private static final Logger LOG = LoggerFactory.getLogger(SessionTimers.class);

    private final LegMessages messages;
    private final Strands strands;
    private final Clock clock;
    private final Releaser releaser;

    SessionTimers(LegMessages messages, Strands strands, Clock clock, Releaser releaser) {
        this.messages = messages;
        this.strands = strands;
        this.clock = clock;
        this.releaser = releaser;
    }

    /** The interval of a {@code Session-Expires} value ({@code 1800;refresher=uac}), -1 when unreadable. */
    static int seconds(String sessionExpires) {
        try {
            return Integer.parseInt(sessionExpires.split(";")[0].trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The interval a caller's INVITE asks for, or -1 when it asks for none. */
    static int requested(Request invite) {
        String se = Dialogs.value(invite, "Session-Expires", "x");
        return se == null ? -1 : seconds(se);
    }

    /** The interval the caller's leg runs with: it must both send Session-Expires and support {@code timer}. */
    static Integer callerInterval(Request invite) {
        int se = requested(invite);
        return se >= 0 && Dialogs.lists(invite, "Supported", "timer") ? se : null;
    }

    static void addTo(Message message, int interval, HeaderFactory headers) {
        try {
            message.setHeader(headers.createHeader("Session-Expires", interval + ";refresher=uac"));
            message.setHeader(headers.createRequireHeader("timer"));
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Arms (or re-arms) the caller's session deadline, kept on the call so a new version re-arms it. */
    void armCaller(Call call) {
        CallerLeg caller = call.callerLeg;
        if (caller.sessionExpires == null || caller.state == CallState.RELEASED) {
            return; // a caller that transferred its call away took its session timer with it
        }
        Leg.cancel(call.sessionTimer);
        if (call.sessionDeadline == 0) {
            call.sessionDeadline = clock.millis() + caller.sessionExpires * 1000L;
        }
        call.sessionTimer = strands.later(call.strand, Math.max(0, call.sessionDeadline - clock.millis()), () -> {
            if (!call.released()) {
                releaser.release(call, Release.recovery(CallTag.SESSION_EXPIRED, "Session timer expired", null));
            }
        });
    }

    /** A re-INVITE or UPDATE from the leg: the caller's refresh restarts its interval. */
    void refreshedBy(Leg leg) {
        Call call = leg.call;
        if (leg instanceof CallerLeg caller && caller.sessionExpires != null && call.answered != null) {
            call.sessionDeadline = 0;
            armCaller(call);
        }
    }

    /** The callee's 200: when it makes us the refresher, send an UPDATE every half interval. */
    void calleeAnswered(CalleeLeg leg, Response ok) {
        String se = Dialogs.value(ok, "Session-Expires", "x");
        if (se == null) {
            return;
        }
        int interval = seconds(se);
        if (interval > 0 && se.toLowerCase().contains("refresher=uac")) {
            scheduleRefresh(leg, interval);
        }
    }

    void scheduleRefresh(CalleeLeg leg, int interval) {
        leg.refreshInterval = interval;
        leg.refreshTimer = strands.later(leg.call.strand, interval * 500L, () -> {
            if (leg.call.released() || leg.state == CallState.RELEASED) {
                return;
            }
            try {
                Request update = messages.dialogs().inDialog(leg, Request.UPDATE, 0);
                update.setHeader(messages.dialogs().headers().createHeader("Session-Expires", interval + ";refresher=uac"));
                messages.send(leg, update);
            } catch (SipException | ParseException | InvalidArgumentException e) {
                LOG.warn("Call {}: session refresh toward {} failed: {}", leg.call.id, leg.hop, e.toString());
            }
            scheduleRefresh(leg, interval);
        });
    }
}
