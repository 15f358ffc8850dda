package org.plugboard.calls.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.plugboard.api.cdr.CallDetailRecord;
import org.plugboard.api.handover.HandoverStore;
import org.plugboard.api.sip.SipService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one version of the calls component hands the next on a bundle update, through the SIP bundle's
 * {@link HandoverStore}: its live calls (and ended ones still answering retransmissions) as plain maps, and the CDRs it
 * could not write yet. The late messages the stopping gate caught go the same way (see {@link B2bua}).
 */
final class CallsHandover {
    static final String CALLS = "org.plugboard.calls";
    static final String CDRS = "org.plugboard.calls.cdr";
    private static final Logger LOG = LoggerFactory.getLogger(CallsHandover.class);

    private CallsHandover() {
    }

    /** Takes over the previous version's calls; returns how many. A call that cannot be restored is logged, not fatal. */
    static int adoptCalls(HandoverStore handover, CallLogic logic, Strands strands, SipService sip) {
        int adopted = 0;
        for (Map<String, Object> state : handover.collect(CALLS)) {
            try {
                String id = (String) state.get("id");
                logic.adopt(Call.restore(state, strands.indexOf(id), sip.addressFactory()));
                adopted++;
            } catch (RuntimeException e) {
                LOG.error("A handed-over call could not be taken over and is lost: {}", state.get("id"), e);
            }
        }
        return adopted;
    }

    /** Queues the previous version's unwritten CDRs for writing by this one. */
    static void adoptCdrs(HandoverStore handover, Publisher publisher) {
        for (Map<String, Object> state : handover.collect(CDRS)) {
            publisher.cdrs.offer((CallDetailRecord) state.get("cdr"));
        }
    }

    /**
     * Deposits every call, its timers cancelled and its application retired (it lives in this version's stages), and
     * returns how many. Runs after the strands drained: nothing else touches the calls any more.
     */
    static int depositCalls(HandoverStore handover, CallLogic logic) {
        List<Map<String, Object>> states = new ArrayList<>();
        for (Call call : logic.handOver()) {
            if (call.application != null) {
                call.application.retire();
            }
            call.cancelTimers();
            call.callerLeg.cancelAllTimers();
            if (call.picker != null) {
                call.picker.cancelAllTimers();
            }
            states.add(call.save());
        }
        handover.deposit(CALLS, states);
        return states.size();
    }

    /** Deposits the CDRs not written yet, stopping the writer; returns how many. */
    static int depositCdrs(HandoverStore handover, Publisher publisher) {
        List<Map<String, Object>> cdrs = publisher.cdrs.stop().stream().map(r -> Map.<String, Object>of("cdr", r)).toList();
        handover.deposit(CDRS, cdrs);
        return cdrs.size();
    }
}
