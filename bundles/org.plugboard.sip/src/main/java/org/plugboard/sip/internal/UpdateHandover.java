package org.plugboard.sip.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.plugboard.api.handover.HandoverStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an update of this bundle hands to its next version: the parking keys (methods and owners) that had a
 * handler, or were waiting for one. The next version parks their traffic from its first packet until those
 * handlers are bound again (the calls bundle only comes back after our SipService does), instead of answering
 * 405 to requests nobody has bound yet. Only strings cross: no class of this bundle outlives its loader.
 */
final class UpdateHandover {
    static final String OWNER = "org.plugboard.sip";
    static final String FORMAT = "format";
    static final String WAIT_FOR = "waitFor";

    private static final Logger LOG = LoggerFactory.getLogger(UpdateHandover.class);

    private UpdateHandover() {
    }

    /** Called on deactivation: the keys served now, and those whose handler left and is awaited. */
    static void deposit(HandoverStore store, Whiteboards whiteboards, Parking parking) {
        if (store == null) {
            return;
        }
        Set<String> keys = new TreeSet<>(whiteboards.servedKeys());
        keys.addAll(parking.waitingFor());
        List<Map<String, Object>> states = new ArrayList<>();
        for (String key : keys) {
            states.add(Map.of(FORMAT, 1, WAIT_FOR, key));
        }
        store.deposit(OWNER, states);
        LOG.info("SIP stopping: the next version parks traffic for {} until their handlers are back", keys);
    }

    /** Called before the stack starts: parks the previous version's keys for the hand-over window. */
    static Set<String> adopt(HandoverStore store, Parking parking) {
        Set<String> keys = new TreeSet<>();
        if (store == null) {
            return keys;
        }
        for (Map<String, Object> state : store.collect(OWNER)) {
            if (state.get(WAIT_FOR) instanceof String key) {
                keys.add(key);
                parking.gone(key);
            }
        }
        if (!keys.isEmpty()) {
            LOG.info("SIP starting after an update: traffic for {} waits for its handlers", keys);
        }
        return keys;
    }
}
