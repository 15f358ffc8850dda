package org.plugboard.callback.internal;

import java.net.InetAddress;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.plugboard.api.calls.CallControl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The call-back service: opens the UDP listener its configuration asks for (none for port 0), and opens it again when
 * the configuration changes. Counters live as long as the component. The requests themselves are
 * {@link CallbackRequests}; the socket is {@link UdpListener}.
 */
@Component(immediate = true, configurationPid = CallbackConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = CallbackStatus.class)
@Designate(ocd = CallbackConfig.class)
public final class CallbackComponent implements CallbackStatus {
    private static final Logger LOG = LoggerFactory.getLogger(CallbackComponent.class);

    private final CallControl calls;
    private final CallbackCounters counters = new CallbackCounters();
    private volatile CallbackConfig config;
    private volatile SenderGate.Allowed allowed;
    private volatile String listening = "not started";
    private UdpListener listener;

    @Activate
    public CallbackComponent(@Reference CallControl calls, CallbackConfig config) {
        this.calls = calls;
        start(config);
    }

    @Modified
    synchronized void modified(CallbackConfig config) {
        stop();
        start(config);
    }

    @Deactivate
    synchronized void deactivate() {
        stop();
    }

    private synchronized void start(CallbackConfig c) {
        this.config = c;
        this.allowed = SenderGate.parse(c.allowedAddresses());
        if (c.port() == 0) {
            listening = "off (port 0)";
            LOG.info("Call-back service off: port is 0 in {} (no socket opened)", CallbackConfig.PID);
            return;
        }
        if (c.port() < 0 || c.port() > 65535 || c.maxDatagramBytes() < 64 || c.maxDatagramBytes() > 65507 || c.requestsPerSecond() < 1
                || c.answerTimeout() < 1 || c.answerTimeout() > 300 || c.maxLive() < 1 || c.repeatWindowSeconds() < 0
                || c.repeatWindowSeconds() > 86_400) {
            listening = "not started: bad configuration";
            LOG.error("Call-back service not started: {} needs port 0-65535, maxDatagramBytes 64-65507, requestsPerSecond >= 1, "
                    + "answerTimeout 1-300, maxLive >= 1 and repeatWindowSeconds 0-86400 (got port {}, maxDatagramBytes {}, requestsPerSecond {}, "
                    + "answerTimeout {}, maxLive {}, repeatWindowSeconds {})", CallbackConfig.PID, c.port(), c.maxDatagramBytes(),
                    c.requestsPerSecond(), c.answerTimeout(), c.maxLive(), c.repeatWindowSeconds());
            return;
        }
        if (!allowed.invalid().isEmpty()) {
            LOG.error("allowedAddresses of {} has entries that are no IP address, which allow nothing: {} (write IP addresses, "
                    + "e.g. 127.0.0.1,10.0.0.5)", CallbackConfig.PID, allowed.invalid());
        }
        if (allowed.anyone()) {
            LOG.warn("Call-back service accepts requests from ANY address: allowedAddresses of {} is empty. Anyone who reaches "
                    + "port {} can make the PBX place calls; list your application servers' addresses", CallbackConfig.PID, c.port());
        }
        SenderGate gate = new SenderGate(allowed, c.requestsPerSecond(), System::nanoTime);
        CallbackRequests.Limits limits = new CallbackRequests.Limits(c.maxDatagramBytes(), c.answerTimeout(), c.maxLive(),
                c.repeatWindowSeconds());
        try {
            listener = UdpListener.open(c.bindAddress(), c.port(), c.maxDatagramBytes(), counters,
                    replies -> new CallbackRequests(calls, gate, limits, replies, counters, System::nanoTime)::datagram);
            listening = listener.localAddress().getAddress().getHostAddress() + ":" + listener.localAddress().getPort();
            LOG.info("Call-back service listening on UDP {} (protocol {}), allowed: {}, max datagram {} bytes, {} requests/s per sender",
                    listening, CallbackProtocol.VERSION, allowed.anyone() ? "any address" : names(), c.maxDatagramBytes(), c.requestsPerSecond());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            listening = "not started: interrupted";
        } catch (RuntimeException e) {
            listening = "bind failed: " + e.getMessage();
            LOG.error("Call-back service cannot listen on UDP {}:{}: {}. Free the port or set another port (or bindAddress) in {}",
                    c.bindAddress(), c.port(), e.getMessage(), CallbackConfig.PID);
        }
    }

    private synchronized void stop() {
        if (listener != null) {
            listener.close();
            listener = null;
        }
    }

    private List<String> names() {
        return allowed.addresses().stream().map(InetAddress::getHostAddress).sorted().toList();
    }

    @Override
    public Status status() {
        CallbackConfig c = config;
        return new Status(listening, names(), allowed.invalid(), c.maxDatagramBytes(), c.requestsPerSecond(), c.answerTimeout(),
                c.maxLive(), counters.snapshot());
    }
}
