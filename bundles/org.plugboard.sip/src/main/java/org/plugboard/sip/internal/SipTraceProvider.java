package org.plugboard.sip.internal;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.plugboard.api.trace.SipTraceService;
import org.plugboard.api.trace.TracedMessage;
import org.plugboard.sip.internal.capture.Captured;

/** The trace for REST and the web page: the same switch as {@code pbx:sip-trace}, a call's messages as data. */
@Component(service = SipTraceService.class)
public class SipTraceProvider implements SipTraceService {
    private final SipDiagnostics sip;

    @Activate
    public SipTraceProvider(@Reference SipDiagnostics sip) {
        this.sip = sip;
    }

    @Override
    public boolean enabled() {
        return sip.traceOn();
    }

    @Override
    public void setEnabled(boolean on) {
        sip.setTrace(on);
    }

    @Override
    public List<TracedMessage> messages(Collection<String> callIds) {
        return sip.capture().calls().of(callIds).stream().map(SipTraceProvider::message).toList();
    }

    static TracedMessage message(Captured c) {
        String raw = new String(c.bytes(), StandardCharsets.UTF_8);
        int eol = raw.indexOf('\r');
        String first = eol > 0 ? raw.substring(0, eol) : c.firstLine();
        InetSocketAddress local = c.outbound() ? c.source() : c.destination();
        return new TracedMessage(Instant.ofEpochSecond(0, c.epochMicros() * 1000), c.outbound(), text(local),
                text(c.remote()), c.transport(), c.callId(), first, raw);
    }

    private static String text(InetSocketAddress a) {
        String ip = a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
        return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + a.getPort();
    }
}
