package org.plugboard.recording.internal;

import java.time.Clock;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.plugboard.api.calls.CallControl;
import org.plugboard.api.calls.CallEvents;
import org.plugboard.api.calls.CallInfo;
import org.plugboard.api.calls.LegInfo;
import org.plugboard.api.media.Side;
import org.plugboard.api.service.CallService;
import org.plugboard.api.service.DetectionPoint;
import org.plugboard.api.service.Outcome;
import org.plugboard.api.service.ServiceRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code recording} call service: at ANSWERED it resolves the call's policy from memory and, for "always", hands
 * the start to the recorder's executor; at RELEASED it forgets the call. As a {@link CallEvents} listener it watches
 * the DTMF digits of answered calls for the on-demand code. Never blocks a strand.
 */
@Component(service = {CallService.class, CallEvents.class}, property = {CallService.NAME + "=" + RecordingService.NAME,
        CallService.POINTS + "=ANSWERED", CallService.POINTS + "=RELEASED"})
public class RecordingService implements CallService, CallEvents {
    static final String NAME = "recording";
    private static final Logger LOG = LoggerFactory.getLogger(RecordingService.class);

    private final Recordings recordings;
    private final LiveCalls live;

    @Activate
    public RecordingService(@Reference PolicyRegistry policies, @Reference Recordings recordings) {
        this.recordings = recordings;
        Clock clock = Clock.systemUTC();
        this.live = new LiveCalls(policies::policies, () -> recordings.settings().toggleCode(), clock::millis);
    }

    @Override
    public Outcome handle(ServiceRequest request) {
        if (request.point() == DetectionPoint.ANSWERED) {
            answered(request);
        } else if (request.point() == DetectionPoint.RELEASED) {
            live.released(request.callId());
            recordings.recorder().callReleased(request.callId());
        }
        return Outcome.proceed();
    }

    private void answered(ServiceRequest request) {
        CallControl calls = recordings.calls();
        String answerer = (calls == null ? Optional.<CallInfo>empty() : calls.call(request.callId())).map(RecordingService::answerer)
                .orElse(request.servedUser());
        CallParties parties = parties(request, answerer);
        Resolution r = live.answered(request.callId(), parties);
        if (r.mode() == Mode.ALWAYS) {
            recordings.recorder().start(request.callId(), request.caller(), answerer, "policy always (" + r.source() + ")");
        }
    }

    @Override
    public void dtmf(CallInfo call, boolean fromCaller, char digit, int durationMillis) {
        LiveCalls.Decision d = live.dtmf(call.id(), () -> parties(call), fromCaller, digit);
        if (d instanceof LiveCalls.Toggle t) {
            recordings.recorder().toggle(call.id(), call.caller(), answerer(call), t.who());
        } else if (d instanceof LiveCalls.Refused f) {
            CallControl calls = recordings.calls();
            if (calls != null) {
                calls.note(call.id(), "recording request refused: " + f.why());
            }
            LOG.info("On-demand recording refused for {} on call {}: {}", f.who(), call.id(), f.why());
        }
    }

    /** The line or trunk: the one an inbound call came in on, else the one an outbound call went out on. */
    static CallParties parties(ServiceRequest request, String answerer) {
        String source = request.sourceProfile();
        String profile = source == null || "default".equals(source) ? request.targetProfile().orElse(null) : source;
        return new CallParties(request.caller(), answerer, request.dialled(), profile);
    }

    private static CallParties parties(CallInfo call) {
        return call.answered() == null ? null : new CallParties(call.caller(), answerer(call), call.callee(), null);
    }

    private static String answerer(CallInfo call) {
        LegInfo leg = call.party(Side.CALLEE);
        return Optional.ofNullable(leg).map(LegInfo::peer).orElse(call.callee());
    }
}
