package org.plugboard.media.internal;

import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.MediaGateway;
import org.plugboard.api.media.MediaListener;
import org.plugboard.api.media.MediaSession;
import org.plugboard.api.media.PortUsage;
import org.plugboard.media.relay.RelayConfig;
import org.plugboard.media.relay.RelayGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The relay as a service: engine {@code local}. Deactivation releases every session and stops the threads. */
@Component(immediate = true, configurationPid = MediaConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = MediaGateway.class, property = MediaGateway.ENGINE + "=" + RelayGateway.ENGINE_NAME)
@Designate(ocd = MediaConfig.class)
public final class LocalMediaGateway implements MediaGateway {
    private static final Logger LOG = LoggerFactory.getLogger(LocalMediaGateway.class);
    private final RelayGateway relay;

    @Activate
    public LocalMediaGateway(MediaConfig config) {
        this.relay = new RelayGateway(toRelay(config));
        LOG.info("Media relay 'local' ready: ports {}-{} on {}, {} I/O, inactivity timeout {} s", config.port_min(), config.port_max(),
                config.bind_address(), relay.transport(), config.inactivity_timeout());
    }

    @Modified
    void modified(MediaConfig config) {
        relay.reconfigure(toRelay(config));
    }

    @Deactivate
    void deactivate() {
        relay.close();
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

    static RelayConfig toRelay(MediaConfig c) {
        return new RelayConfig(c.port_min(), c.port_max(), c.bind_address(), c.advertised_address(),
                c.inactivity_timeout(), c.latch_any_address(), c.relatch_after_ms(), c.threads(),
                c.socket_receive_buffer(), c.socket_send_buffer());
    }
}
