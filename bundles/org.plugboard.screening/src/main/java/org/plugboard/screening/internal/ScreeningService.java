package org.plugboard.screening.internal;

import java.util.List;
import java.util.Random;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.plugboard.api.service.CallService;
import org.plugboard.api.service.Outcome;
import org.plugboard.api.service.ServiceRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The screening call service: the system list at {@code ORIGINATING} (once per call, before anything rings), the
 * callee's personal list and anonymous switch at {@code ROUTED}. Answers from the in-memory lists of
 * {@link ScreeningLists}; a refusal is {@code Outcome.reject(status, phrase, cause, text, SCREENED)} with the
 * configured status and cause and a text that names the list and the entry. Ranked above the other services, so a
 * call a list refuses is refused before forwarding or any other service acts on it.
 */
@Component(service = {CallService.class, ScreeningService.class}, configurationPid = ScreeningService.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = {CallService.NAME + "=" + ScreeningService.NAME, CallService.POINTS + "=ORIGINATING",
            CallService.POINTS + "=ROUTED", "service.ranking:Integer=" + ScreeningService.RANKING})
@Designate(ocd = ScreeningService.Config.class)
public class ScreeningService implements CallService {
    static final String PID = "org.plugboard.screening";
    static final String NAME = "screening";
    /** Asked before the other services of a point (by default all rank 0): a refused call is never forwarded. */
    static final int RANKING = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(ScreeningService.class);

    @ObjectClassDefinition(name = "Plugboard screening",
            description = "What a caller refused by a black list or an anonymous switch gets")
    public @interface Config {
        @AttributeDefinition(description = "SIP status of the refusal, 400-699 (603 Decline, 403 Forbidden, 480...)")
        int status() default 603;

        @AttributeDefinition(description = "Reason phrase sent with the status")
        String phrase() default "Decline";

        @AttributeDefinition(name = "q850.cause", description = "Q.850 cause in the Reason header and the CDR, 1-127 (21: call rejected)")
        int q850_cause() default 21;
    }

    private final Screening screening;
    private volatile Refusal refusal;

    @Activate
    public ScreeningService(@Reference ScreeningLists lists, Config config) {
        this.refusal = refusal(config);
        this.screening = new Screening(lists::state, () -> refusal, new Random());
        LOG.info("Screening: refusals answered {}", refusal);
    }

    @Modified
    void modified(Config config) {
        refusal = refusal(config);
        LOG.info("Screening: refusals now answered {}", refusal);
    }

    @Override
    public Outcome handle(ServiceRequest request) {
        return screening.decide(request);
    }

    /** For pbx:screen-test: what each list would do with a call, without drawing a rate. */
    public List<String> explain(String caller, String called) {
        return screening.explain(caller, called);
    }

    private static Refusal refusal(Config c) {
        return new Refusal(c.status(), c.phrase(), c.q850_cause());
    }
}
