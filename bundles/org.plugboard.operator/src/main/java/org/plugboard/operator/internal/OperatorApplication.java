package org.plugboard.operator.internal;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.plugboard.api.application.ApplicationLeg;
import org.plugboard.api.application.MediaApplication;
import org.plugboard.api.calls.CallControl;
import org.plugboard.api.service.Outcome;

/**
 * The media application {@code operator}: joins the operator's leg into the answered call of the extension its
 * parameter {@code target} names, in {@code mode} TALK, LISTEN or PRIVATE ({@link Barge}).
 */
@Component(service = MediaApplication.class, configurationPid = OperatorConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, property = MediaApplication.NAME + "=" + OperatorDecision.APPLICATION)
public class OperatorApplication implements MediaApplication {
    private volatile CallControl calls;
    private volatile Barge.Settings settings;

    @Activate
    public OperatorApplication(OperatorConfig config) {
        modified(config);
    }

    /**
     * The B2BUA, optional and dynamic: it binds this application while it activates, and a mandatory reference back to
     * it is a cycle SCR refuses when both start together (Karaf's boot).
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void setCalls(CallControl c) {
        calls = c;
    }

    void unsetCalls(CallControl c) {
        if (calls == c) {
            calls = null;
        }
    }

    @Modified
    void modified(OperatorConfig config) {
        settings = new Barge.Settings(config.warningTone(), Duration.ofMillis(Math.max(100, config.noCallToneMillis())));
    }

    @Override
    public CompletionStage<Outcome> run(ApplicationLeg leg) {
        CallControl c = calls;
        if (c == null) { // only while the B2BUA itself is being replaced
            return java.util.concurrent.CompletableFuture.completedFuture(Outcome.reject(503, "Service Unavailable", 63,
                    "the B2BUA is being updated: try again", org.plugboard.api.calls.CallTag.SYSTEM));
        }
        return new Barge(leg, c, settings).run();
    }
}
