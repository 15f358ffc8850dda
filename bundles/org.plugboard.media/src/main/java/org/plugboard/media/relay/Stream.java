package org.plugboard.media.relay;

import org.plugboard.api.media.Side;

/** One m-line of a session: a port pair per side while it is relayed, none once it is refused. Event-loop confined. */
final class Stream {
    final int index;
    String media = "";
    boolean udptl;
    boolean secure;
    boolean dtls;
    /** a=rtcp-mux in the last offer. */
    boolean offeredMux;
    /** a=rtcp-mux in the offer and in its answer. */
    boolean mux;
    Endpoint caller;
    Endpoint callee;

    Stream(int index) {
        this.index = index;
    }

    boolean relayed() {
        return caller != null;
    }

    Endpoint endpoint(Side side) {
        return side == Side.CALLER ? caller : callee;
    }

    Endpoint other(Endpoint endpoint) {
        return endpoint == caller ? callee : caller;
    }

    void transport(MediaSection section) {
        media = section.media();
        udptl = section.udptl();
        secure = section.secure();
        dtls = section.dtls();
    }

    /** Held by SDP: either side's last SDP for this line is not sendrecv. */
    boolean heldBySdp() {
        return (caller != null && caller.peer != null && caller.peer.held())
                || (callee != null && callee.peer != null && callee.peer.held());
    }
}
