package org.plugboard.sip.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

import org.plugboard.sip.internal.tls.SipTls;

/** A real stack lifecycle with its dispatcher and TLS holder, for tests that start and stop it on loopback. */
final class LoopbackStack implements AutoCloseable {
    private final Parking parking = new Parking(10_000, 100, System::currentTimeMillis);
    final SipStats stats = new SipStats();
    private final Dispatcher dispatcher = new Dispatcher(new Whiteboards(parking), parking, stats, new SipTrace(),
            Messages.HEADERS, Messages.MESSAGES, Messages::server, () -> null);
    final SipTls tls = new SipTls();
    final StackLifecycle lifecycle = new StackLifecycle(dispatcher, stats, () -> { }, tls);

    /** Messages the stack took in: parsed (requests, responses) or counted as unparseable. */
    long seen() {
        return stats.requestsIn.sum() + stats.responsesIn.sum() + stats.unparseable.sum();
    }

    @Override
    public void close() {
        lifecycle.stop();
        tls.close();
        parking.shutdown();
    }

    /** The configuration's defaults, with UDP on 127.0.0.1 at {@code port}. */
    static SipConfig udpConfig(int port) {
        Map<String, Object> set = Map.of("listen_addresses", new String[] {"127.0.0.1"}, "port", port, "transports",
                new String[] {"UDP"});
        return (SipConfig) Proxy.newProxyInstance(SipConfig.class.getClassLoader(), new Class<?>[] {SipConfig.class},
                (proxy, method, args) -> set.containsKey(method.getName()) ? set.get(method.getName()) : method.getDefaultValue());
    }
}
