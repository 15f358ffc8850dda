package org.plugboard.sip.internal.capture;

import java.io.IOException;
import java.net.InetSocketAddress;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.plugboard.sip.internal.SipDiagnostics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the HEP export on and off from {@code etc/org.plugboard.sip.hep.cfg}. The collector's name is looked up here,
 * on the configuration thread, never on a SIP thread; a bad value is logged with the fix and leaves the export off.
 */
@Component(service = {}, immediate = true, configurationPid = HepConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = HepConfig.class)
public class HepComponent {
    private static final Logger LOG = LoggerFactory.getLogger(HepComponent.class);
    private final SipCapture capture;

    @Activate
    public HepComponent(@Reference SipDiagnostics sip, HepConfig config) {
        this.capture = sip.capture();
        apply(config);
    }

    @Modified
    void apply(HepConfig config) {
        HepExporter next = null;
        String collector = config.collector().trim();
        if (!collector.isEmpty()) {
            try {
                InetSocketAddress at = parse(collector);
                next = new HepExporter(at, config.capture_id(), Math.max(100, config.queue_size()));
                LOG.info("HEP export on: every SIP message to {} (capture id {})", at, config.capture_id());
            } catch (IllegalArgumentException | IOException e) {
                LOG.error("HEP export off: collector '{}' in {}.cfg is not usable ({}). Set collector = host:port, e.g. "
                        + "127.0.0.1:9060", collector, HepConfig.PID, e.getMessage());
            }
        }
        HepExporter previous = capture.setHep(next);
        if (previous != null) {
            previous.close();
            if (next == null) {
                LOG.info("HEP export off");
            }
        }
    }

    @Deactivate
    void deactivate() {
        HepExporter previous = capture.setHep(null);
        if (previous != null) {
            previous.close();
        }
    }

    /** {@code host:port} or {@code [v6]:port}; resolves the host. */
    static InetSocketAddress parse(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1) {
            throw new IllegalArgumentException("no port");
        }
        String host = hostPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("write an IPv6 address in brackets: [addr]:port");
        }
        int port;
        try {
            port = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port '" + hostPort.substring(colon + 1) + "' is not a number");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 1-65535");
        }
        InetSocketAddress a = new InetSocketAddress(host, port);
        if (a.isUnresolved()) {
            throw new IllegalArgumentException("host '" + host + "' does not resolve");
        }
        return a;
    }
}
