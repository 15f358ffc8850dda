package org.plugboard.calls.internal;

import java.util.function.Consumer;

import org.plugboard.api.calls.CallEvents;
import org.plugboard.api.cdr.CallDetailRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tells call-event listeners what happened and queues each finished call's record for the CDR sinks. */
final class Publisher {
    private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);

    final Ranked<CallEvents> listeners = new Ranked<>();
    final CdrQueue cdrs = new CdrQueue();

    void fire(Consumer<CallEvents> event) {
        for (CallEvents l : listeners.get()) {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                LOG.warn("Call event listener {} failed", l.getClass().getName(), e);
            }
        }
    }

    void record(Call call, CallDetailRecord record) {
        cdrs.offer(record);
        fire(l -> l.released(call.info(), record));
    }
}
