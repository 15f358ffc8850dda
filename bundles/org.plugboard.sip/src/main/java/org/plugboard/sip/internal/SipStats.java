package org.plugboard.sip.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Counters of the SIP layer, shown by {@code pbx:sip-stats}. */
public final class SipStats {
    final LongAdder requestsIn = new LongAdder();
    final LongAdder responsesIn = new LongAdder();
    final LongAdder responsesOut = new LongAdder();
    /** Datagrams or stream messages that could not be parsed at all (the stack may still have sent 400). */
    final LongAdder unparseable = new LongAdder();
    /** Requests answered 400 by us because a known header did not parse. */
    final LongAdder badHeaders = new LongAdder();
    /** Requests and responses dropped because their source is banned. */
    final LongAdder bannedDropped = new LongAdder();
    /** Requests for which no handler exists (405). */
    final LongAdder noHandler = new LongAdder();
    /** Handler or rewriter failures (answered 500, logged). */
    final LongAdder internalErrors = new LongAdder();
    /** Requests we originated (client transactions and ACKs). */
    final LongAdder requestsOut = new LongAdder();
    /** Requests and responses that waited for a handler being updated. */
    final LongAdder parked = new LongAdder();
    /** Provisional responses the stack would have sent after the final one (its 100 Trying timer racing us). */
    final LongAdder lateProvisionalsDropped = new LongAdder();
    /** New requests answered 401/407 on the receive path, before any transaction ({@link StatelessChallenges}). */
    final LongAdder statelessChallenges = new LongAdder();
    /** ACKs of stateless 407s, dropped in the valve. */
    final LongAdder challengeAcksDropped = new LongAdder();

    public Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("requests-in", requestsIn.sum());
        m.put("responses-in", responsesIn.sum());
        m.put("responses-out", responsesOut.sum());
        m.put("unparseable-dropped", unparseable.sum());
        m.put("bad-header-400", badHeaders.sum());
        m.put("banned-dropped", bannedDropped.sum());
        m.put("no-handler-405", noHandler.sum());
        m.put("internal-errors", internalErrors.sum());
        m.put("requests-out", requestsOut.sum());
        m.put("parked-during-update", parked.sum());
        m.put("late-provisionals-dropped", lateProvisionalsDropped.sum());
        m.put("challenged-stateless", statelessChallenges.sum());
        m.put("challenge-acks-dropped", challengeAcksDropped.sum());
        return m;
    }
}
