package org.plugboard.media.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.plugboard.api.handover.HandoverStore;
import org.plugboard.api.media.Conference;
import org.plugboard.api.media.MediaEndpoint;
import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.MediaGateway;
import org.plugboard.api.media.MediaListener;
import org.plugboard.api.media.MediaSession;
import org.plugboard.api.media.PortUsage;
import org.plugboard.api.media.Side;
import org.plugboard.media.endpoint.Endpoints;
import org.plugboard.media.mix.Mixing;
import org.plugboard.media.relay.RelayConfig;
import org.plugboard.media.relay.RelayGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay as a service: engine {@code local}. With a {@link HandoverStore} (feature pbx-handover), deactivation
 * (a bundle update or stop) hands every live session to the next version, sockets and threads included, and
 * activation takes them over: calls keep their audio. Without one, deactivation releases every session.
 */
@Component(immediate = true, configurationPid = MediaConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = MediaGateway.class, property = MediaGateway.ENGINE + "=" + RelayGateway.ENGINE_NAME)
@Designate(ocd = MediaConfig.class)
public final class LocalMediaGateway implements MediaGateway {
    /** The owner name of this relay's sessions in the hand-over store. */
    public static final String HANDOVER_OWNER = "org.plugboard.media.local";
    private static final Logger LOG = LoggerFactory.getLogger(LocalMediaGateway.class);
    private final RelayGateway relay;
    private final Endpoints endpoints;
    private final Mixing mixing;
    private final HandoverStore handover;
    private volatile long handoverMillis;

    /** Without a hand-over store (tests). */
    public LocalMediaGateway(MediaConfig config) {
        this(config, null);
    }

    @Activate
    public LocalMediaGateway(MediaConfig config,
            @Reference(name = "handover", cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY) HandoverStore handover) {
        this.handover = handover;
        this.handoverMillis = TimeUnit.SECONDS.toMillis(config.handover_timeout());
        List<Map<String, Object>> handedOver = handover == null ? List.of() : handover.collect(HANDOVER_OWNER);
        this.relay = new RelayGateway(toRelay(config), handedOver);
        relay.recordingAnnouncement(RecordingAnnouncement.load(config.recording_announcement()));
        this.endpoints = Endpoints.on(relay);
        endpoints.takeOver(relay.adopted("leg"), relay::adoptPair);
        this.mixing = new Mixing(relay, endpoints);
        mixing.takeOver(relay.adopted("room")); // after the legs: the rooms take their members in again
        mixing.takeOverMixes(relay.adopted("mix")); // third parties into their calls again
        LOG.info("Media relay 'local' ready: ports {}-{} on {}, {} I/O, inactivity timeout {} s, {} session(s) taken over, "
                + "hand-over {}", config.port_min(), config.port_max(), config.bind_address(), relay.transport(),
                config.inactivity_timeout(), relay.sessions().size(),
                handover == null ? "off (no hand-over store: an update ends the calls' media)" : "on");
    }

    @Modified
    void modified(MediaConfig config) {
        relay.reconfigure(toRelay(config));
        relay.recordingAnnouncement(RecordingAnnouncement.load(config.recording_announcement()));
        handoverMillis = TimeUnit.SECONDS.toMillis(config.handover_timeout());
    }

    @Deactivate
    public void deactivate() {
        if (handover == null) {
            mixing.close();
            endpoints.close();
            relay.close();
            return;
        }
        // Rooms first (their members leave the mix here), then the legs, then the relay with its sessions: one
        // deposit on the same threads. The applications keep their objects, which forward to the next version's.
        List<Map<String, Object>> parts = new java.util.ArrayList<>(mixing.handOver());
        parts.addAll(endpoints.handOver());
        List<Map<String, Object>> states = relay.handOver(handoverMillis, parts);
        if (!states.isEmpty()) {
            try {
                handover.deposit(HANDOVER_OWNER, states);
            } catch (RuntimeException e) {
                // the guard closes them when the hand-over time is up
                LOG.error("The hand-over store refused {} media session(s)", states.size(), e);
            }
        }
    }

    @Override
    public String engine() {
        return relay.engine();
    }

    @Override
    public MediaSession open(String callId, MediaListener listener) throws MediaException {
        return relay.open(callId, listener);
    }

    @Override
    public Optional<MediaSession> find(String sessionId) {
        return relay.find(sessionId);
    }

    @Override
    public List<MediaSession> sessions() {
        return relay.sessions();
    }

    @Override
    public PortUsage ports() {
        return relay.ports();
    }

    @Override
    public boolean terminatesLegs() {
        return true;
    }

    @Override
    public MediaEndpoint endpoint(String callId, Side side) throws MediaException {
        return endpoints.open(callId, side);
    }

    @Override
    public CompletionStage<Conference> conference(String name) {
        return mixing.conference(name);
    }

    @Override
    public List<Conference> conferences() {
        return mixing.conferences();
    }

    /** The terminated legs (tests, console). */
    public Endpoints endpoints() {
        return endpoints;
    }

    static RelayConfig toRelay(MediaConfig c) {
        return new RelayConfig(c.port_min(), c.port_max(), c.bind_address(), c.advertised_address(),
                c.inactivity_timeout(), c.latch_any_address(), c.relatch_after_ms(), c.threads(),
                c.socket_receive_buffer(), c.socket_send_buffer());
    }
}
