package org.plugboard.calls.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

import org.plugboard.api.calls.OriginateListener;
import org.plugboard.api.calls.OriginateRequest;

/**
 * An originated call being set up (CallControl.originate): which party is being called, that party's legs (forks),
 * and whether the listener has heard the outcome. Only the call's strand touches it; not handed over (a
 * {@code bundle:update} gives an unfinished attempt up, see {@link Originations#adopted}).
 */
final class Origination {
    /** CALLING_FIRST, then CALLING_SECOND once the first answered; CONNECTED once both are; DONE after a failure. */
    enum Stage { CALLING_FIRST, CALLING_SECOND, CONNECTED, DONE }

    final OriginateRequest request;
    final OriginateListener listener;
    Stage stage = Stage.CALLING_FIRST;
    /** The legs of the party being called now, in the order they started. */
    final List<CalleeLeg> legs = new ArrayList<>();
    /** The first party's leg that answered: it stands on the caller's side. */
    CalleeLeg first;
    /** The current party rang already (the listener heard it once). */
    boolean ringing;
    /** The listener heard {@code failed} or {@code ended}: nothing more goes to it. */
    boolean told;
    ScheduledFuture<?> timer;

    Origination(OriginateRequest request, OriginateListener listener) {
        this.request = request;
        this.listener = listener;
    }

    /** 1 while the first party is called, 2 after. */
    int party() {
        return stage == Stage.CALLING_FIRST ? 1 : 2;
    }

    String number() {
        return party() == 1 ? request.first() : request.second();
    }

    boolean owns(CalleeLeg leg) {
        return legs.contains(leg) && (stage == Stage.CALLING_FIRST || stage == Stage.CALLING_SECOND);
    }
}
