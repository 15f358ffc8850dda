package org.plugboard.operator.internal;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
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
    private final CallControl calls;
    private volatile Barge.Settings settings;

    @Activate
    public OperatorApplication(@Reference CallControl calls, OperatorConfig config) {
        this.calls = calls;
        modified(config);
    }

    @Modified
    void modified(OperatorConfig config) {
        settings = new Barge.Settings(config.warningTone(), Duration.ofMillis(Math.max(100, config.noCallToneMillis())));
    }

    @Override
    public CompletionStage<Outcome> run(ApplicationLeg leg) {
        return new Barge(leg, calls, settings).run();
    }
}
