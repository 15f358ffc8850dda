package org.plugboard.api.media;

/** The two sides of a relayed call: the caller's leg and the callee's leg (all forks share the callee side). */
public enum Side {
    CALLER, CALLEE;

    /** The side media from this one is relayed to. */
    public Side other() {
        return this == CALLER ? CALLEE : CALLER;
    }
}
