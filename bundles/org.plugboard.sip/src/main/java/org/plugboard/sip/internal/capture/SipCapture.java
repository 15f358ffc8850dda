package org.plugboard.sip.internal.capture;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.stack.MessageStamps;

/**
 * Where every SIP message in and out passes once: counts it by method and status, and while they are on, hands a copy
 * to the trace (log category {@code org.plugboard.sip.trace} and the ring {@code pbx:sip-trace show} reads), the pcap
 * file and the HEP exporter. Runs on SIP threads: no I/O here, only queues that drop when full.
 */
public final class SipCapture {
    /** The log category of the trace; the shipped logging configuration writes it to data/log/sip-trace.log. */
    public static final String TRACE_CATEGORY = "org.plugboard.sip.trace";
    private static final Logger TRACE = LoggerFactory.getLogger(TRACE_CATEGORY);
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    /** Our address on the listening point of a transport and family. */
    public interface LocalAddress {
        InetSocketAddress of(String transport, boolean ipv6);
    }

    private final LocalAddress local;
    private final MessageCounts counts = new MessageCounts();
    private final TraceRing ring = new TraceRing(200);
    /** For ladder diagrams (REST): up to 200 messages a call, 16 MiB in all. */
    private final CallTraces calls = new CallTraces(200, 16L * 1024 * 1024);
    private volatile boolean traceOn;
    private volatile TraceFilter filter = TraceFilter.ALL;
    private volatile HepExporter hep;
    private volatile PcapFile pcap;

    public SipCapture(LocalAddress local) {
        this.local = local;
    }

    /**
     * The time of a message, microseconds since 1970, strictly after every earlier stamp. A sender takes it before it
     * hands the message to the stack and passes it to {@link #out}: a fast peer's answer, read on another thread while
     * the send is still returning, is then stamped after it and the ladder shows them in the order they happened.
     */
    public long stamp() {
        return MessageStamps.next();
    }

    /**
     * A message we received, on the thread that parsed it. Over UDP the stamp is the one the stack's receive thread
     * took as the datagram came in ({@link MessageStamps}): the stack's workers may parse two datagrams a peer sent
     * within a millisecond in either order.
     */
    public void in(Message m, InetSocketAddress from, String transport) {
        long arrived = MessageStamps.arrivalOfCurrentMessage();
        count(m, false);
        if (traceOn || hep != null || pcap != null) {
            InetSocketAddress to = local.of(transport, from.getAddress() instanceof java.net.Inet6Address);
            take(captured(m, false, transport, from, to, arrived));
        }
    }

    /** A message we sent, with the {@link #stamp} taken before sending it. */
    public void out(Message m, InetSocketAddress to, String transport, long sentMicros) {
        count(m, true);
        if (traceOn || hep != null || pcap != null) {
            InetSocketAddress dst = literal(to);
            InetSocketAddress from = local.of(transport, dst.getAddress() instanceof java.net.Inet6Address);
            take(captured(m, true, transport, from, dst, sentMicros));
        }
    }

    /** A message we sent just now. */
    public void out(Message m, InetSocketAddress to, String transport) {
        out(m, to, transport, stamp());
    }

    private void take(Captured c) {
        HepExporter h = hep;
        if (h != null) {
            h.offer(c); // Homer filters for itself: every message goes
        }
        if (!filter.matches(c)) {
            return;
        }
        PcapFile p = pcap;
        if (p != null) {
            p.offer(c);
        }
        if (traceOn) {
            String head = (c.outbound() ? ">>> " + c.transport() + " to " + text(c.destination())
                    : "<<< " + c.transport() + " from " + text(c.source())) + " (" + c.bytes().length + " bytes)";
            String body = new String(c.bytes(), StandardCharsets.UTF_8);
            TRACE.info("{}\n{}", head, body);
            ring.add(TIME.format(Instant.ofEpochSecond(0, c.epochMicros() * 1000)) + " " + head + "\n" + body);
            calls.add(c);
        }
    }

    private void count(Message m, boolean outbound) {
        if (m instanceof Request r) {
            counts.request(outbound, r.getMethod());
        } else if (m instanceof Response r) {
            CSeqHeader cseq = (CSeqHeader) r.getHeader(CSeqHeader.NAME);
            counts.response(outbound, cseq == null ? null : cseq.getMethod(), r.getStatusCode());
        }
    }

    static Captured captured(Message m, boolean outbound, String transport, InetSocketAddress src, InetSocketAddress dst,
            long micros) {
        byte[] bytes = m instanceof SIPMessage s ? s.encodeAsBytes(transport) : m.toString().getBytes(StandardCharsets.UTF_8);
        CallIdHeader callId = (CallIdHeader) m.getHeader(CallIdHeader.NAME);
        Set<String> users = new HashSet<>();
        FromHeader from = (FromHeader) m.getHeader(FromHeader.NAME);
        ToHeader to = (ToHeader) m.getHeader(ToHeader.NAME);
        addUser(users, from == null ? null : from.getAddress().getURI());
        addUser(users, to == null ? null : to.getAddress().getURI());
        String first;
        if (m instanceof Request r) {
            addUser(users, r.getRequestURI());
            first = r.getMethod() + " " + r.getRequestURI();
        } else {
            Response r = (Response) m;
            first = r.getStatusCode() + " " + r.getReasonPhrase();
        }
        return new Captured(outbound, transport.toUpperCase(), src, dst, micros, bytes, callId == null ? "" : callId.getCallId(),
                Set.copyOf(users), first);
    }

    private static void addUser(Set<String> users, URI uri) {
        if (uri instanceof SipURI s && s.getUser() != null) {
            users.add(s.getUser());
        }
    }

    /** The hop as an address without a DNS lookup (none may happen on a SIP thread): a name becomes 0.0.0.0. */
    static InetSocketAddress literal(InetSocketAddress a) {
        if (!a.isUnresolved()) {
            return a;
        }
        String host = a.getHostString();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            if (IPV4.matcher(host).matches() || host.contains(":")) {
                return new InetSocketAddress(InetAddress.getByName(host), a.getPort()); // a literal: parsed, not looked up
            }
        } catch (UnknownHostException e) {
            // not a literal after all
        }
        return new InetSocketAddress(anyV4(), a.getPort());
    }

    private static InetAddress anyV4() {
        try {
            return InetAddress.getByAddress(new byte[4]);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(InetSocketAddress a) {
        String ip = a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
        return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + a.getPort();
    }

    // ---- controls (console, configuration) --------------------------------------------------------------------

    public boolean traceOn() {
        return traceOn;
    }

    public void setTrace(boolean on) {
        traceOn = on;
    }

    public TraceFilter filter() {
        return filter;
    }

    public void setFilter(TraceFilter f) {
        filter = f == null ? TraceFilter.ALL : f;
    }

    /** Installs an exporter (null: none) and returns the one it replaces, for the caller to close. */
    public HepExporter setHep(HepExporter next) {
        HepExporter previous = hep;
        hep = next;
        return previous;
    }

    public HepExporter hep() {
        return hep;
    }

    /**
     * Starts writing matching messages to a new pcap file at {@code path} (replacing any file being written, which is
     * closed); fails at once when the file cannot be created.
     */
    public synchronized PcapFile startPcap(java.nio.file.Path path, long maxBytes) throws java.io.IOException {
        PcapFile next = new PcapFile(path, maxBytes, 10_000);
        PcapFile previous = pcap;
        pcap = next;
        if (previous != null) {
            previous.close();
        }
        return next;
    }

    /** Stops the pcap file, writing what is queued; returns it (null when none was being written). */
    public synchronized PcapFile stopPcap() {
        PcapFile previous = pcap;
        pcap = null;
        if (previous != null) {
            previous.close();
        }
        return previous;
    }

    public PcapFile pcap() {
        return pcap;
    }

    public MessageCounts counts() {
        return counts;
    }

    /** The traced messages by Call-ID. */
    public CallTraces calls() {
        return calls;
    }

    /** The newest {@code n} traced messages, oldest first. */
    public List<String> recent(int n) {
        return ring.last(n);
    }
}
