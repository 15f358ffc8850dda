package org.plugboard.rest.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.plugboard.api.calls.CallEvents;
import org.plugboard.api.calls.CallInfo;
import org.plugboard.api.calls.LegInfo;
import org.plugboard.api.cdr.CallDetailRecord;
import org.plugboard.api.location.LocationService;
import org.plugboard.api.status.LineStatusService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The source of the event stream. Call events arrive on the calls' strands: they are only put on a bounded queue
 * (never waited for; a full queue drops the event and counts it). A thread of the hub numbers each event, writes its
 * JSON and stores it in the {@link EventRing} that stream clients read. Another samples registrations and
 * lines for changes. DTMF digits are deliberately not streamed: they carry PINs (voicemail, conference).
 */
@Component(service = {EventHub.class, CallEvents.class}, configurationPid = RestConfig.PID, immediate = true)
public class EventHub implements CallEvents {
    private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);

    /** An event waiting for the hub's thread. */
    record Pending(String type, Instant time, Map<String, Object> data) {
    }

    private volatile LocationService location;
    private volatile LineStatusService lines;

    private final Json json = new Json();
    private final EventRing ring;
    private final BlockingQueue<Pending> queue;
    private final AtomicLong dropped = new AtomicLong();
    private long droppedReported;
    private final StateSampler sampler = new StateSampler();
    private final ScheduledExecutorService thread;
    private final RestConfig config;

    @Activate
    public EventHub(RestConfig config) {
        this.config = config;
        // above every id of an earlier run, so a client's Last-Event-ID from before a restart reads as a reset
        this.ring = new EventRing(Math.max(1, config.events_buffer()), System.currentTimeMillis() * 1000);
        this.queue = new ArrayBlockingQueue<>(Math.max(1, config.events_queue()));
        // two threads: one drains the queue (blocking on it), one samples
        this.thread = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "plugboard-rest-events");
            t.setDaemon(true);
            return t;
        });
        thread.execute(this::drain);
        long every = Math.max(100, config.events_sample_millis());
        thread.scheduleWithFixedDelay(this::sample, every, every, TimeUnit.MILLISECONDS);
        LOG.info("Event stream ready: {} events kept for resuming, queue of {}, state sampled every {} ms",
                config.events_buffer(), config.events_queue(), every);
    }

    /*
     * The sampled services are bound through methods that take their first look at once: a baseline taken only at
     * the first periodic sample (up to events.sample.millis later) swallowed a line or registration added in
     * between, which a client connected right after activation never heard of (RestIT's line.added).
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unsetLocation")
    void setLocation(LocationService service) {
        location = service;
        sample();
    }

    void unsetLocation(LocationService service) {
        if (location == service) {
            location = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unsetLines")
    void setLines(LineStatusService service) {
        lines = service;
        sample();
    }

    void unsetLines(LineStatusService service) {
        if (lines == service) {
            lines = null;
        }
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

    /**
     * Registrations and line states, compared with the last look; changes go through the queue like any event. On
     * the hub's thread, and once when a service is bound (hence synchronized: the sampler is not thread-safe). Both
     * services answer from memory, so a bind never waits.
     */
    synchronized void sample() {
        try {
            LocationService l = location;
            LineStatusService s = lines;
            Instant now = Instant.now();
            List<StateSampler.Change> changes = new java.util.ArrayList<>(sampler.registrations(l == null ? null : l.all(), now));
            changes.addAll(sampler.lines(s == null ? null : s.lines()));
            changes.forEach(c -> publish(c.type(), c.data()));
        } catch (RuntimeException e) {
            LOG.warn("Sampling registrations and lines failed, tried again in {} ms: {}", config.events_sample_millis(),
                    e.toString());
        }
    }
}
