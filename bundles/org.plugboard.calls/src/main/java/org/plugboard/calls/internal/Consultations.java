package org.plugboard.calls.internal;

import java.util.function.BiConsumer;
import java.util.function.Consumer;

import javax.sip.message.Response;

import org.plugboard.api.calls.CallState;
import org.plugboard.api.calls.CallTag;

/**
 * The consultation call of an attended transfer, which belongs to another call and so to another strand. The
 * dialog the transferor's Replaces names is found by its Call-ID in the table, read on its own call's strand, and the
 * answer (the target's dialog in that call, as {@link Transfer.Found}) is posted back to the transferring call's
 * strand: no call state is read across strands. The consultation call is marked as being replaced, so that its
 * record, when the target's phone hangs it up, says {@code TRANSFERRED} and names the call that replaced it. A
 * consultation call the transferor made that is still ringing (semi-attended transfer) has no dialog to replace:
 * it is cancelled there and then, and the transfer calls the target afresh.
 */
final class Consultations {
    private final CallTable table;
    private final BiConsumer<Call, Runnable> onStrand;
    private final Releaser releaser;

    Consultations(CallTable table, BiConsumer<Call, Runnable> onStrand, Releaser releaser) {
        this.table = table;
        this.onStrand = onStrand;
        this.releaser = releaser;
    }

    /** The consultation call a Replaces names, if it is this very call (a loop); read from the leg's final field. */
    Call callOf(ReferTo.Replaces replaces) {
        Leg named = table.leg(replaces.callId());
        return named == null ? null : named.call;
    }

    /** Looks for the target's dialog; {@code then} gets it (null: no such confirmed dialog) on {@code call}'s strand. */
    void find(Call call, Transfer t, Consumer<Transfer.Found> then) {
        ReferTo.Replaces replaces = t.replaces;
        String transferor = t.transferor.peer;
        Leg named = table.leg(replaces.callId());
        if (named == null || named.call == call) {
            then.accept(null);
            return;
        }
        Call other = named.call;
        onStrand.accept(other, () -> {
            Transfer.Found found = read(other, named, replaces, transferor);
            if (found != null) {
                other.replacedBy = call.id;
            }
            if (found != null && found.ringing()) {
                // as if its caller had cancelled (disposition CANCELLED); the mark makes its record's tag TRANSFERRED
                releaser.release(other, Release.of(Response.REQUEST_TERMINATED, "Transferred", CallTag.CALLER_CANCEL, Causes.NORMAL_CLEARING,
                        "Consultation call replaced by a transfer while ringing"));
            }
            onStrand.accept(call, () -> then.accept(found));
        });
    }

    /**
     * On the consultation call's strand: the dialog must be the transferor's (same party), confirmed, and connected
     * to a confirmed party on the other side, whose dialog the target's phone is asked to replace. Tags are taken in
     * RFC 3891's order (to-tag: ours, from-tag: the transferor's) or, as some phones send them, the other way round.
     */
    private static Transfer.Found read(Call other, Leg named, ReferTo.Replaces r, String transferor) {
        boolean tags = r.toTag().equals(named.localTag) && r.fromTag().equals(named.remoteTag)
                || r.toTag().equals(named.remoteTag) && r.fromTag().equals(named.localTag);
        if (!tags || other.released() || other.transfer != null || other.replacedBy != null || other.party(named.side) != named
                || transferor == null || !transferor.equals(named.peer)) {
            return null;
        }
        if (named == other.callerLeg && other.answered == null) {
            return Transfer.Found.ringing(other.id); // the transferor's consultation call still rings: nothing to replace
        }
        if (named.state != CallState.CONNECTED) {
            return null;
        }
        Leg target = other.party(named.side.other());
        if (target == null || target.state != CallState.CONNECTED || target.remoteTarget == null || target.hop == null) {
            return null;
        }
        return new Transfer.Found(other.id, target.remoteTarget.toString(), target.hop, target.profile, target.peer,
                ReferTo.Replaces.toward(target));
    }

    /** The transfer did not replace the consultation call after all: its record says how it really ends. */
    void unmark(Call call, Transfer t) {
        if (t.found == null) {
            return;
        }
        Call other = table.call(t.found.consultationCall());
        if (other != null) {
            onStrand.accept(other, () -> {
                if (call.id.equals(other.replacedBy)) {
                    other.replacedBy = null;
                }
            });
        }
    }
}
