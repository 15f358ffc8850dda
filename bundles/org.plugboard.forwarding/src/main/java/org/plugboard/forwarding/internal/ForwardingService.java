package org.plugboard.forwarding.internal;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.plugboard.api.service.CallService;
import org.plugboard.api.service.DetectionPoint;
import org.plugboard.api.service.Outcome;
import org.plugboard.api.service.ServiceRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The call service {@code forwarding}: at the callee's points it forwards by the extension's settings
 * ({@link ForwardingDecision}); at the caller's point it carries out forwarding feature codes
 * ({@link FeatureCodeHandler}). Answers from memory only. Works with its defaults when no configuration exists;
 * a configuration change applies to the next call, and a bad one is refused, keeping the previous table.
 */
@Component(service = {CallService.class, ForwardingService.class}, configurationPid = ForwardingConfig.PID, property = {CallService.NAME + "=" + ForwardingService.NAME,
    CallService.POINTS + "=ORIGINATING", CallService.POINTS + "=ROUTED", CallService.POINTS + "=BUSY",
    CallService.POINTS + "=NO_ANSWER", CallService.POINTS + "=UNREACHABLE"})
@Designate(ocd = ForwardingConfig.class)
public class ForwardingService implements CallService {
    static final String NAME = "forwarding";
    private static final Logger LOG = LoggerFactory.getLogger(ForwardingService.class);

    /** The configuration in force, replaced whole. */
    record Rules(FeatureCodes codes, int noAnswerSeconds) {
    }

    private final ForwardingDecision decision;
    private final FeatureCodeHandler featureCodes;
    private volatile Rules rules;

    @Activate
    public ForwardingService(@Reference(name = "forwardings") Forwardings forwardings,
            @Reference(name = "numbers") InternalNumbers numbers, ForwardingConfig config) {
        Targets targets = new Targets(numbers::isInternal);
        this.decision = new ForwardingDecision(forwardings::get, targets, new OnceWarnings());
        this.featureCodes = new FeatureCodeHandler(forwardings, targets);
        this.rules = rules(config);
        LOG.info("Forwarding service: {}", describe(rules));
    }

    @Modified
    void modified(ForwardingConfig config) {
        rules = rules(config);
        LOG.info("Forwarding service changed: {}", describe(rules));
    }

    @Override
    public Outcome handle(ServiceRequest request) {
        Rules r = rules;
        if (request.point() == DetectionPoint.ORIGINATING) {
            return featureCodes.handle(request, r.codes());
        }
        return decision.decide(request, r.noAnswerSeconds());
    }

    /** The ring time before forwarding on no answer for extensions that set none (for the console). */
    public int defaultNoAnswerSeconds() {
        return rules.noAnswerSeconds();
    }

    static Rules rules(ForwardingConfig c) {
        if (!Limits.validSeconds(c.no_answer_timeout())) {
            throw new IllegalArgumentException("no.answer.timeout: " + c.no_answer_timeout() + " is not a ring time; use "
                    + Limits.MIN_SECONDS + " to " + Limits.MAX_SECONDS + " seconds, e.g. no.answer.timeout = 20");
        }
        FeatureCodes codes = FeatureCodes.of(List.of(
                new FeatureCodes.Code(c.code_cfu_set(), FeatureCodes.Action.SET, Kind.CFU, "code.cfu.set"),
                new FeatureCodes.Code(c.code_cfu_clear(), FeatureCodes.Action.CLEAR, Kind.CFU, "code.cfu.clear"),
                new FeatureCodes.Code(c.code_cfb_set(), FeatureCodes.Action.SET, Kind.CFB, "code.cfb.set"),
                new FeatureCodes.Code(c.code_cfb_clear(), FeatureCodes.Action.CLEAR, Kind.CFB, "code.cfb.clear"),
                new FeatureCodes.Code(c.code_cfnr_set(), FeatureCodes.Action.SET, Kind.CFNR, "code.cfnr.set"),
                new FeatureCodes.Code(c.code_cfnr_clear(), FeatureCodes.Action.CLEAR, Kind.CFNR, "code.cfnr.clear"),
                new FeatureCodes.Code(c.code_cfnrc_set(), FeatureCodes.Action.SET, Kind.CFNRC, "code.cfnrc.set"),
                new FeatureCodes.Code(c.code_cfnrc_clear(), FeatureCodes.Action.CLEAR, Kind.CFNRC, "code.cfnrc.clear"),
                new FeatureCodes.Code(c.code_clear_all(), FeatureCodes.Action.CLEAR_ALL, null, "code.clear.all")));
        return new Rules(codes, c.no_answer_timeout());
    }

    private static String describe(Rules r) {
        StringBuilder b = new StringBuilder("no-answer timeout " + r.noAnswerSeconds() + " s, feature codes");
        if (r.codes().codes().isEmpty()) {
            b.append(" none");
        }
        for (FeatureCodes.Code c : r.codes().codes()) {
            b.append(' ').append(c.property()).append('=').append(c.digits());
        }
        return b.toString();
    }
}
