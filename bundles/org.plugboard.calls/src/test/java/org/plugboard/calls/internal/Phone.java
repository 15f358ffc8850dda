package org.plugboard.calls.internal;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.concurrent.ThreadLocalRandom;

import javax.sip.ClientTransaction;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.RSeqHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.plugboard.api.sip.ServerRequest;
import org.plugboard.api.sip.SipService;

import gov.nist.javax.sip.parser.StringMsgParser;

/**
 * A SIP phone in one dialog with the PBX, so scenarios read like call flows. As a caller it sends requests to the
 * B2BUA ({@link #invite}, {@link #ack}, {@link #send}); as a callee it answers what the B2BUA sent it
 * ({@link #reply}) and sends its own in-dialog requests. Messages are real JAIN-SIP RI messages parsed from text.
 */
final class Phone {
    /** Where the phone's messages go: the B2BUA as the SIP bundle would call it. */
    interface Pbx {
        void handle(ServerRequest request);

        void handleResponse(Response response, ClientTransaction tx);
    }

    final String user;
    final String host;
    final int port;
    private final SipService sip;
    private final Pbx pbx;
    private String profile = "default";
    private String fromAddress;
    private int branches;
    private int sdpVersion = 1;

    // the one dialog
    private String callId;
    private String localTag;
    private String remoteTag;
    private String localAddress;
    private String remoteAddress;
    private String remoteTarget;
    private long cseq;
    private TestServerRequest invite;
    /** The last INVITE this phone sent, initial or re-INVITE: what {@link #ack} acknowledges. */
    private TestServerRequest lastInvite;

    Phone(String user, String host, int port, SipService sip, Pbx pbx) {
        this.user = user;
        this.host = host;
        this.port = port;
        this.sip = sip;
        this.pbx = pbx;
    }

    /** The profile the SIP bundle classifies this peer's requests into ({@code default} for phones). */
    Phone profile(String profile) {
        this.profile = profile;
        return this;
    }

    /** The From address of this phone's next INVITEs (e.g. an anonymous one); null: {@code "Phone <user>" <sip:user@pbx>}. */
    Phone from(String address) {
        this.fromAddress = address;
        return this;
    }

    String contact() {
        return "sip:" + user + "@" + host + ":" + port;
    }

    /** An audio offer or answer from this phone; each call gives a new o= version. */
    String sdp(String direction) {
        int v = sdpVersion++;
        return "v=0\r\no=" + user + " 1000 " + v + " IN IP4 " + host + "\r\ns=-\r\nc=IN IP4 " + host + "\r\nt=0 0\r\n"
                + "m=audio " + (20000 + port % 1000 * 2) + " RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\na=" + direction + "\r\n";
    }

    String sdp() {
        return sdp("sendrecv");
    }

    // ---- caller side ------------------------------------------------------------------------------------

    /** INVITE {@code sip:<dialled>@pbx}, delivered to the B2BUA. */
    TestServerRequest invite(String dialled, String sdp, String... headers) {
        return inviteUri("sip:" + dialled + "@" + RecordingSip.PBX_HOST, sdp, headers);
    }

    TestServerRequest inviteUri(String requestUri, String sdp, String... headers) {
        callId = Long.toHexString(ThreadLocalRandom.current().nextLong()) + "@" + host;
        localTag = "t" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        remoteTag = null;
        localAddress = fromAddress != null ? fromAddress : "\"Phone " + user + "\" <sip:" + user + "@" + RecordingSip.PBX_HOST + ">";
        remoteAddress = "<" + requestUri + ">";
        remoteTarget = requestUri;
        cseq = 1;
        List<String> all = new ArrayList<>(List.of("Contact: <" + contact() + ">"));
        all.addAll(List.of(headers));
        invite = deliver(build(Request.INVITE, requestUri, newBranch(), cseq, Request.INVITE, null, sdp, all));
        lastInvite = invite;
        return invite;
    }

    /** The same INVITE again with CSeq + 1 and a new branch (after a 407, with credentials among the headers). */
    TestServerRequest inviteAgain(String... headers) {
        Request r = invite.request();
        List<String> all = new ArrayList<>(List.of("Contact: <" + contact() + ">"));
        all.addAll(List.of(headers));
        invite = deliver(build(Request.INVITE, r.getRequestURI().toString(), newBranch(), ++cseq, Request.INVITE, null, body(r), all));
        lastInvite = invite;
        return invite;
    }

    /** ACK for the 2xx to our last INVITE or re-INVITE, with an SDP answer for a late offer (or null). */
    TestServerRequest ack(String sdp) {
        learnFromInvite();
        return deliver(build(Request.ACK, remoteTarget, newBranch(), Phone.cseq(lastInvite.request()), Request.ACK, remoteTag, sdp,
                List.of()));
    }

    /** CANCEL of our pending INVITE (same branch and CSeq number, no To-tag). */
    TestServerRequest cancel(String... headers) {
        Request r = invite.request();
        String branch = ((javax.sip.header.ViaHeader) r.getHeader(javax.sip.header.ViaHeader.NAME)).getBranch();
        return deliver(build(Request.CANCEL, r.getRequestURI().toString(), branch, Phone.cseq(r), Request.CANCEL, null, null,
                List.of(headers)));
    }

    /** PRACK for a reliable provisional the PBX sent us. */
    TestServerRequest prack(Response reliable) {
        long rseq = ((RSeqHeader) reliable.getHeader(RSeqHeader.NAME)).getSequenceNumber();
        return send(Request.PRACK, null, "RAck: " + rseq + " " + Phone.cseq(reliable) + " INVITE");
    }

    /** Sets the CSeq the next in-dialog request will follow (to send one out of order). */
    void rewindCseq(long last) {
        cseq = last;
    }

    /** An in-dialog request (BYE, UPDATE, re-INVITE, INFO), as caller or callee, delivered to the B2BUA. */
    TestServerRequest send(String method, String sdp, String... headers) {
        learnFromInvite();
        List<String> all = new ArrayList<>(List.of(headers));
        if (Request.INVITE.equals(method) || Request.UPDATE.equals(method)) {
            all.add("Contact: <" + contact() + ">");
        }
        TestServerRequest sent = deliver(build(method, remoteTarget, newBranch(), ++cseq, method, remoteTag, sdp, all));
        if (Request.INVITE.equals(method)) {
            lastInvite = sent;
        }
        return sent;
    }

    private void learnFromInvite() {
        if (remoteTag == null && invite != null) {
            for (Response r : invite.responses()) {
                String tag = ((ToHeader) r.getHeader(ToHeader.NAME)).getTag();
                if (r.getStatusCode() > 100 && tag != null) {
                    remoteTag = tag;
                    ContactHeader c = (ContactHeader) r.getHeader(ContactHeader.NAME);
                    if (c != null) {
                        remoteTarget = c.getAddress().getURI().toString();
                    }
                }
            }
        }
    }

    // ---- callee side ------------------------------------------------------------------------------------

    /**
     * Answers a request the B2BUA sent to this phone and hands the response back to the B2BUA. The first answer
     * to an INVITE with a To-tag sets up this phone's dialog. Headers are {@code "Name: value"}.
     */
    Response reply(RecordingSip.Sent to, int status, String sdp, String... headers) {
        Response r = response(to, status, sdp, headers);
        pbx.handleResponse(r, to.tx());
        return r;
    }

    /** Hands a response this phone sent before to the B2BUA again: a retransmission. */
    void handleAgain(Response sentBefore, RecordingSip.Sent to) {
        pbx.handleResponse(sentBefore, to.tx());
    }

    Response reply(RecordingSip.Sent to, int status) {
        return reply(to, status, null);
    }

    /** The response {@link #reply} would send, not delivered (to replay it, or deliver it late). */
    Response response(RecordingSip.Sent to, int status, String sdp, String... headers) {
        Request req = to.request();
        try {
            if (Request.INVITE.equals(req.getMethod()) && ((ToHeader) req.getHeader(ToHeader.NAME)).getTag() == null
                    && !callIdOf(req).equals(callId)) {
                callId = callIdOf(req);
                localTag = "t" + Long.toHexString(ThreadLocalRandom.current().nextLong());
                remoteTag = ((FromHeader) req.getHeader(FromHeader.NAME)).getTag();
                localAddress = ((ToHeader) req.getHeader(ToHeader.NAME)).getAddress().toString();
                remoteAddress = ((FromHeader) req.getHeader(FromHeader.NAME)).getAddress().toString();
                remoteTarget = ((ContactHeader) req.getHeader(ContactHeader.NAME)).getAddress().getURI().toString();
                cseq = 0;
                invite = null;
                lastInvite = null;
            }
            Response r = sip.messageFactory().createResponse(status, req);
            ToHeader toHeader = (ToHeader) r.getHeader(ToHeader.NAME);
            if (status > 100 && toHeader.getTag() == null && !Request.CANCEL.equals(req.getMethod())) {
                toHeader.setTag(localTag);
            }
            if (status > 100 && status < 300 && (Request.INVITE.equals(req.getMethod()) || Request.UPDATE.equals(req.getMethod()))) {
                r.setHeader(sip.headerFactory().createHeader("Contact", "<" + contact() + ">"));
            }
            for (String h : headers) {
                int colon = h.indexOf(':');
                r.addHeader(sip.headerFactory().createHeader(h.substring(0, colon).trim(), h.substring(colon + 1).trim()));
            }
            if (sdp != null) {
                r.setContent(sdp.getBytes(StandardCharsets.UTF_8), sip.headerFactory().createContentTypeHeader("application", "sdp"));
            }
            return r;
        } catch (ParseException e) {
            throw new IllegalArgumentException("Cannot build " + status + ": " + e.getMessage(), e);
        }
    }

    // ---- building ---------------------------------------------------------------------------------------

    private String newBranch() {
        return "z9hG4bK-" + user + "-" + ++branches + "-" + Long.toHexString(ThreadLocalRandom.current().nextInt() & 0xffffL);
    }

    private Request build(String method, String uri, String branch, long cseqNumber, String cseqMethod, String toTag, String sdp,
            List<String> headers) {
        StringBuilder b = new StringBuilder();
        b.append(method).append(' ').append(uri).append(" SIP/2.0\r\n");
        b.append("Via: SIP/2.0/UDP ").append(host).append(':').append(port).append(";branch=").append(branch).append(";rport\r\n");
        if (headers.stream().noneMatch(h -> h.startsWith("Max-Forwards:"))) {
            b.append("Max-Forwards: 70\r\n");
        }
        b.append("From: ").append(localAddress).append(";tag=").append(localTag).append("\r\n");
        b.append("To: ").append(remoteAddress).append(toTag == null ? "" : ";tag=" + toTag).append("\r\n");
        b.append("Call-ID: ").append(callId).append("\r\n");
        b.append("CSeq: ").append(cseqNumber).append(' ').append(cseqMethod).append("\r\n");
        b.append("User-Agent: Plugboard test phone\r\n");
        headers.forEach(h -> b.append(h).append("\r\n"));
        byte[] body = sdp == null ? new byte[0] : sdp.getBytes(StandardCharsets.UTF_8);
        if (sdp != null) {
            b.append("Content-Type: application/sdp\r\n");
        }
        b.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        try {
            byte[] head = b.toString().getBytes(StandardCharsets.UTF_8);
            byte[] all = new byte[head.length + body.length];
            System.arraycopy(head, 0, all, 0, head.length);
            System.arraycopy(body, 0, all, head.length, body.length);
            // as the stack's message channels do: a header whose value does not parse is kept aside as unparsed
            return (Request) new StringMsgParser().parseSIPMessage(all, true, false, (ex, message, type, header, text) -> {
                message.addUnparsed(header);
            });
        } catch (ParseException e) {
            throw new IllegalArgumentException("test phone built a bad " + method + ": " + e.getMessage() + "\n" + b, e);
        }
    }

    /** The last INVITE again, byte for byte: a retransmission that no server transaction absorbed. */
    TestServerRequest retransmitInvite() {
        return deliver((Request) invite.request().clone());
    }

    private TestServerRequest deliver(Request r) {
        TestServerRequest ex = new TestServerRequest(r, new InetSocketAddress(host, port), profile, sip);
        pbx.handle(ex);
        return ex;
    }

    // ---- reading messages -------------------------------------------------------------------------------

    static String callIdOf(Message m) {
        return ((CallIdHeader) m.getHeader(CallIdHeader.NAME)).getCallId();
    }

    static long cseq(Message m) {
        return ((CSeqHeader) m.getHeader(CSeqHeader.NAME)).getSeqNumber();
    }

    /** The value of the first header of that name, without the name; null when absent. */
    static String value(Message m, String name) {
        Header h = m.getHeader(name);
        if (h == null) {
            return null;
        }
        String s = h.toString().trim();
        return s.substring(s.indexOf(':') + 1).trim();
    }

    /** The values of every header of that name, joined with ", " (option tags of Require or Supported). */
    static String values(Message m, String name) {
        List<String> out = new ArrayList<>();
        ListIterator<?> it = m.getHeaders(name);
        while (it != null && it.hasNext()) {
            String s = it.next().toString().trim();
            out.add(s.substring(s.indexOf(':') + 1).trim());
        }
        return String.join(", ", out);
    }

    static String body(Message m) {
        byte[] raw = m.getRawContent();
        return raw == null ? null : new String(raw, StandardCharsets.UTF_8);
    }

    /** This phone's dialog as it sees it: Call-ID, its own tag, the PBX's tag (what a Replaces names). */
    String dialogCallId() {
        learnFromInvite();
        return callId;
    }

    String localTag() {
        return localTag;
    }

    String remoteTag() {
        learnFromInvite();
        return remoteTag;
    }

    @Override
    public String toString() {
        return user + "@" + host + ":" + port;
    }
}
