package org.plugboard.media.ng.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.plugboard.api.media.DtmfEvent;
import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.MediaGateway;
import org.plugboard.api.media.MediaListener;
import org.plugboard.api.media.MediaSession;
import org.plugboard.api.media.Side;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's side of the ng protocol: executes one command against the local MediaGateway and builds the reply.
 * Never throws: every failure becomes {@code result: error} with a reason in rtpengine's words where it has them.
 * Calls the engine finds inactive or lost are released and forgotten (nobody else would delete them).
 */
final class CallTable {
    private static final Logger LOG = LoggerFactory.getLogger(CallTable.class);

    private final MediaGateway engine;
    private final Map<String, ServedCall> calls = new ConcurrentHashMap<>();

    CallTable(MediaGateway engine) {
        this.engine = engine;
    }

    int size() {
        return calls.size();
    }

    /** Releases every served session (the server stops). */
    void releaseAll() {
        calls.values().forEach(c -> c.session.release());
        calls.clear();
    }

    Map<String, Object> handle(NgDict raw) {
        NgDict request = normalized(raw);
        String command = request.string(Ng.COMMAND);
        if (command == null) {
            return error("No command given");
        }
        try {
            switch (command.toLowerCase(Locale.ROOT).replace('-', ' ').replace('_', ' ')) {
                case Ng.PING:
                    // a node whose engine terminates legs says so: the client then offers media applications on it
                    return engine.terminatesLegs() ? Map.of(Ng.RESULT, Ng.PONG, EndpointWire.CAPABILITY, 1L) : Map.of(Ng.RESULT, Ng.PONG);
                case Ng.OFFER:
                    return offer(request);
                case Ng.ANSWER:
                    return answer(request);
                case Ng.DELETE:
                    return delete(request);
                case Ng.QUERY:
                    return query(request);
                case Ng.BLOCK_MEDIA:
                    return block(request, true);
                case Ng.UNBLOCK_MEDIA:
                    return block(request, false);
                default:
                    return error("Unrecognized command '" + command + "'");
            }
        } catch (BadRequest e) {
            return error(e.getMessage());
        } catch (MediaException e) {
            return error(reason(e));
        } catch (RuntimeException e) {
            LOG.warn("ng command '{}' failed", command, e);
            return error("Internal error: " + e);
        }
    }

    private Map<String, Object> offer(NgDict request) throws MediaException, BadRequest {
        String callId = required(request, Ng.CALL_ID);
        String fromTag = required(request, Ng.FROM_TAG);
        String sdp = required(request, Ng.SDP);
        ServedCall call = calls.get(callId);
        boolean created = false;
        if (call == null) {
            ServedCall fresh = new ServedCall(engine.open(callId, new Events(callId)));
            call = calls.putIfAbsent(callId, fresh);
            if (call == null) {
                call = fresh;
                created = true;
            } else {
                fresh.session.release();
            }
        }
        Side from = call.claim(fromTag);
        if (from == null) {
            throw new BadRequest("Call " + callId + " already has two tags; more parties are not supported");
        }
        try {
            String out = call.session.offer(from, sdp, receivedFrom(request), null);
            call.markOffered();
            call.label(from, request.string(Ng.LABEL));
            return ok(Ng.SDP, out);
        } catch (MediaException e) {
            if (created && !call.offered()) {
                // nothing was set up: do not keep a call nobody will delete
                calls.remove(callId, call);
                call.session.release();
            }
            throw e;
        }
    }

    private Map<String, Object> answer(NgDict request) throws MediaException, BadRequest {
        String callId = required(request, Ng.CALL_ID);
        String fromTag = required(request, Ng.FROM_TAG);
        String toTag = required(request, Ng.TO_TAG);
        String sdp = required(request, Ng.SDP);
        ServedCall call = known(callId);
        Side offerer = call.sideOf(fromTag);
        if (offerer == null) {
            throw new BadRequest("Unknown from-tag '" + fromTag + "' in call " + callId);
        }
        Side answerer = call.claim(toTag);
        if (answerer != offerer.other()) {
            throw new BadRequest("to-tag '" + toTag + "' is not the other party of call " + callId);
        }
        String out = call.session.answer(answerer, sdp, receivedFrom(request), null);
        call.signalled();
        return ok(Ng.SDP, out);
    }

    private Map<String, Object> delete(NgDict request) throws BadRequest {
        String callId = required(request, Ng.CALL_ID);
        ServedCall call = calls.remove(callId);
        if (call == null) {
            if (request.strings(Ng.FLAGS).contains("fatal")) {
                return error(Ng.UNKNOWN_CALL_ID);
            }
            return ok(Ng.WARNING, "Call-ID not found or tags didn't match");
        }
        call.session.release();
        return Map.of(Ng.RESULT, Ng.OK);
    }

    private Map<String, Object> query(NgDict request) throws MediaException, BadRequest {
        ServedCall call = known(required(request, Ng.CALL_ID));
        return StatsReply.of(call, call.session.stats());
    }

    /** With a from-tag: that party; without: both. */
    private Map<String, Object> block(NgDict request, boolean block) throws MediaException, BadRequest {
        String callId = required(request, Ng.CALL_ID);
        ServedCall call = known(callId);
        String fromTag = request.string(Ng.FROM_TAG);
        List<Side> sides;
        if (fromTag == null || fromTag.isEmpty()) {
            sides = List.of(Side.values());
        } else {
            Side side = call.sideOf(fromTag);
            if (side == null) {
                throw new BadRequest("Unknown from-tag '" + fromTag + "' in call " + callId);
            }
            sides = List.of(side);
        }
        for (Side side : sides) {
            if (block) {
                call.session.hold(side);
            } else {
                call.session.resume(side);
            }
        }
        call.signalled();
        return Map.of(Ng.RESULT, Ng.OK);
    }

    private ServedCall known(String callId) throws BadRequest {
        ServedCall call = calls.get(callId);
        if (call == null) {
            throw new BadRequest(Ng.UNKNOWN_CALL_ID);
        }
        return call;
    }

    /** received-from: ["IP4"|"IP6", address]; only an IP literal is passed on. */
    private static String receivedFrom(NgDict request) {
        List<String> from = request.strings(Ng.RECEIVED_FROM);
        if (from.size() != 2) {
            return null;
        }
        List<String> checked = NgCommands.receivedFrom(from.get(1));
        return checked == null ? null : checked.get(1);
    }

    /** rtpengine's words for the failures it shares with us, so any client maps them alike. */
    static String reason(MediaException e) {
        String detail = e.getMessage() == null ? "" : ": " + e.getMessage();
        return switch (e.kind()) {
            case BAD_SDP -> Ng.SDP_PARSE_FAILED + detail;
            case NO_USABLE_MEDIA -> Ng.NO_USABLE_MEDIA + detail;
            case NO_PORTS -> Ng.OUT_OF_PORTS + detail;
            case NO_SESSION -> Ng.UNKNOWN_CALL_ID + detail;
            case ENGINE_FAILURE -> "Media engine failure" + detail;
        };
    }

    private static String required(NgDict request, String key) throws BadRequest {
        String value = request.string(key);
        if (value == null || value.isEmpty()) {
            throw new BadRequest("No " + key + " in message");
        }
        return value;
    }

    /** Keys as rtpengine reads them: "call id", "call_id" and "call-id" alike. */
    private static NgDict normalized(NgDict raw) {
        Map<String, Object> keys = new LinkedHashMap<>();
        raw.asMap().forEach((k, v) -> keys.put(Ng.normalize(k), v));
        return new NgDict(keys);
    }

    private static Map<String, Object> ok(String key, String value) {
        return Map.of(Ng.RESULT, Ng.OK, key, value);
    }

    private static Map<String, Object> error(String reason) {
        return Map.of(Ng.RESULT, Ng.ERROR, Ng.ERROR_REASON, reason);
    }

    /** A request the protocol refuses (missing key, unknown tag): answered with its message. */
    private static final class BadRequest extends Exception {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message);
        }
    }

    /** The local engine's events for a served call: inactivity and loss end it here; DTMF is not forwarded. */
    private final class Events implements MediaListener {
        private final String callId;

        Events(String callId) {
            this.callId = callId;
        }

        @Override
        public void dtmf(MediaSession session, DtmfEvent event) {
            // the ng protocol has no way to push events to the client
        }

        @Override
        public void inactive(MediaSession session, long idleMillis) {
            end(session, "no media for " + idleMillis + " ms");
        }

        @Override
        public void failed(MediaSession session, String reason) {
            end(session, reason);
        }

        private void end(MediaSession session, String why) {
            ServedCall call = calls.get(callId);
            if (call != null && call.session == session && calls.remove(callId, call)) {
                LOG.info("ng call {} released by the node: {}", callId, why);
                session.release();
            }
        }
    }
}
