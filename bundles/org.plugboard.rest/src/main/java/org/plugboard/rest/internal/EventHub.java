package org.plugboard.rest.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.plugboard.api.calls.CallEvents;
import org.plugboard.api.calls.CallInfo;
import org.plugboard.api.calls.LegInfo;
import org.plugboard.api.cdr.CallDetailRecord;
import org.plugboard.api.location.Binding;
import org.plugboard.api.location.RegistrationListener;
import org.plugboard.api.status.LineStatus;
import org.plugboard.api.status.StatusListener;
import org.plugboard.api.status.TrunkStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The source of the event stream. Call events arrive on the calls' strands, registration changes from the registrar
 * and line and trunk changes from their bundles ({@link RegistrationListener}, {@link StatusListener}): each is only
 * put on a bounded queue (never waited for; a full queue drops the event and counts it). The hub's thread numbers
 * each event, writes its JSON and stores it in the {@link EventRing} that stream clients read. DTMF digits are
 * deliberately not streamed: they carry PINs (voicemail, conference).
 */
@Component(service = {EventHub.class, CallEvents.class, RegistrationListener.class, StatusListener.class},
        configurationPid = RestConfig.PID, immediate = true)
public class EventHub implements CallEvents, RegistrationListener, StatusListener {
    private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);

    /** An event waiting for the hub's thread. */
    record Pending(String type, Instant time, Map<String, Object> data) {
    }

    private final Json json = new Json();
    private final EventRing ring;
    private final BlockingQueue<Pending> queue;
    private final AtomicLong dropped = new AtomicLong();
    private long droppedReported;
    private final ExecutorService thread;
    private final RestConfig config;

    @Activate
    public EventHub(RestConfig config) {
        this.config = config;
        // above every id of an earlier run, so a client's Last-Event-ID from before a restart reads as a reset
        this.ring = new EventRing(Math.max(1, config.events_buffer()), System.currentTimeMillis() * 1000);
        this.queue = new ArrayBlockingQueue<>(Math.max(1, config.events_queue()));
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "plugboard-rest-events");
            t.setDaemon(true);
            return t;
        });
        thread.execute(this::drain);
        LOG.info("Event stream ready: {} events kept for resuming, queue of {}", config.events_buffer(),
                config.events_queue());
    }

    @Deactivate
    void deactivate() {
        thread.shutdownNow();
        ring.close();
    }

    public EventRing ring() {
        return ring;
    }

    RestConfig config() {
        return config;
    }

    public long dropped() {
        return dropped.get();
    }

    /** Queues an event; never blocks (a full queue drops it, counted and announced later). */
    public void publish(String type, Object data) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (data instanceof Map<?, ?> m) {
            m.forEach((k, v) -> map.put(String.valueOf(k), v));
        } else {
            map.put("data", data);
        }
        if (!queue.offer(new Pending(type, Instant.now(), map))) {
            dropped.incrementAndGet();
        }
    }

    // ---- call events: on the call's strand, so only a snapshot mapping and a queue offer ----------------------

    @Override
    public void created(CallInfo call) {
        publish("call.created", Map.of("call", Views.call(call)));
    }

    @Override
    public void ringing(CallInfo call) {
        publish("call.ringing", Map.of("call", Views.call(call)));
    }

    @Override
    public void answered(CallInfo call) {
        publish("call.answered", Map.of("call", Views.call(call)));
    }

    @Override
    public void partyReplaced(CallInfo call, LegInfo left, LegInfo joined) {
        publish("call.party-replaced", Map.of("call", Views.call(call), "left", Views.leg(left), "joined", Views.leg(joined)));
    }

    @Override
    public void released(CallInfo call, CallDetailRecord record) {
        publish("call.released", record == null ? Map.of("call", Views.call(call))
                : Map.of("call", Views.call(call), "cdr", Views.cdr(record)));
    }

    // ---- registrations, lines and trunks: on the registrar's, lines' and trunks' threads; only a queue offer -----

    @Override
    public void added(Binding binding) {
        publish("registration.added", Map.of("registration", Views.registration(binding, Instant.now())));
    }

    @Override
    public void removed(Binding binding) {
        publish("registration.removed", Map.of("registration", Views.registration(binding, Instant.now())));
    }

    @Override
    public void lineChanged(LineStatus before, LineStatus after) {
        if (before == null) {
            publish("line.added", Map.of("line", after));
        } else if (after == null) {
            publish("line.removed", Map.of("line", before));
        } else {
            publish("line.changed", Map.of("line", after, "previousState", before.state().name()));
        }
    }

    @Override
    public void trunkChanged(TrunkStatus before, TrunkStatus after) {
        if (before == null) {
            publish("trunk.added", Map.of("trunk", after));
        } else if (after == null) {
            publish("trunk.removed", Map.of("trunk", before));
        } else {
            publish("trunk.changed", Map.of("trunk", after));
        }
    }

    // ---- the hub's thread ---------------------------------------------------------------------------------

    private void drain() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                store(queue.take());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // deactivated
        }
    }

    /** Appends an event as {@code {"type", "time", ...data}}; first a {@code dropped} event when some were lost. */
    private void store(Pending p) {
        long lost = dropped.get();
        if (lost > droppedReported) {
            ring.append("dropped", json.writeString(Map.of("type", "dropped", "time", p.time().toString(),
                    "count", lost - droppedReported, "total", lost)));
            LOG.warn("Event stream: {} event(s) dropped, the queue of {} was full", lost - droppedReported,
                    config.events_queue());
            droppedReported = lost;
        }
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("type", p.type());
        envelope.put("time", p.time().toString());
        envelope.putAll(p.data());
        try {
            ring.append(p.type(), json.writeString(envelope));
        } catch (RuntimeException e) {
            LOG.warn("Event {} not streamed: {}", p.type(), e.toString());
        }
    }
}
