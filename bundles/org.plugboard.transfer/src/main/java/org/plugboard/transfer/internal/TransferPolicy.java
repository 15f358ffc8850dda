package org.plugboard.transfer.internal;

import java.util.function.Function;
import java.util.function.Predicate;

import org.plugboard.api.calls.CallTag;
import org.plugboard.api.service.DetectionPoint;
import org.plugboard.api.service.Outcome;
import org.plugboard.api.service.ServiceRequest;

/**
 * Who may transfer, decided from memory: the transferor must be an extension of this PBX, allowed to transfer (its
 * own permit, else {@code default.transfer}), and for a target that routes outside (a line or trunk) allowed that
 * too (its own permit, else {@code default.outside}). A refusal is {@code 403} with a phrase that says which rule,
 * Q.850 cause 21 (call rejected), and a text naming the extension for the log.
 */
public final class TransferPolicy {
    /** The configured defaults for extensions without a permit of their own. */
    public record Defaults(boolean transfer, boolean outside) {
    }

    private final Function<String, Permit> permits;
    private final Predicate<String> isExtension;
    private volatile Defaults defaults;

    TransferPolicy(Function<String, Permit> permits, Predicate<String> isExtension, Defaults defaults) {
        this.permits = permits;
        this.isExtension = isExtension;
        this.defaults = defaults;
    }

    void defaults(Defaults d) {
        this.defaults = d;
    }

    Defaults defaults() {
        return defaults;
    }

    Outcome decide(ServiceRequest r) {
        if (r.point() != DetectionPoint.TRANSFER) {
            return Outcome.proceed();
        }
        String who = r.servedUser();
        String target = r.transferTarget().orElse("?");
        if (who == null || !isExtension.test(who)) {
            return refuse("Transfer Not Permitted", who + " is no extension of this PBX and may not transfer calls (to " + target + ")");
        }
        Permit p = permits.apply(who);
        Defaults d = defaults;
        if (!(p.transfer() != null ? p.transfer() : d.transfer())) {
            return refuse("Transfer Not Permitted", who + " may not transfer calls (to " + target + ")");
        }
        if (r.transferToOutside() && !(p.outside() != null ? p.outside() : d.outside())) {
            return refuse("Transfer Outside Not Permitted", who + " may not transfer calls to outside numbers (" + target + ")");
        }
        return Outcome.proceed();
    }

    private static Outcome refuse(String phrase, String text) {
        return Outcome.reject(403, phrase, 21, text, CallTag.SCREENED);
    }
}
