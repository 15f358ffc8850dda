package org.plugboard.ivr.internal;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.plugboard.api.application.ApplicationLeg;
import org.plugboard.api.application.MediaApplication;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.service.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media application {@code ivr}: runs the IVR the leg's parameter {@code ivr} names (else the one of the served
 * number) on the version in service when the call arrives; a reload later does not touch this call.
 */
@Component(service = MediaApplication.class, property = MediaApplication.NAME + "=" + IvrApplication.NAME)
public class IvrApplication implements MediaApplication {
    static final String NAME = "ivr";
    private static final Logger LOG = LoggerFactory.getLogger(IvrApplication.class);

    private final Ivrs ivrs;
    private final Clock clock = Clock.systemUTC();

    @Activate
    public IvrApplication(@Reference Ivrs ivrs) {
        this.ivrs = ivrs;
    }

    @Override
    public CompletionStage<Outcome> run(ApplicationLeg leg) {
        return run(ivrs.catalog(), leg, clock);
    }

    static CompletionStage<Outcome> run(IvrCatalog catalog, ApplicationLeg leg, Clock clock) {
        String name = leg.parameters().get(IvrRouter.IVR);
        Ivr ivr = name != null ? catalog.byName(name) : catalog.byNumber(leg.servedUser());
        if (ivr == null) {
            LOG.warn("Call {}: no IVR '{}' in service (number {}); pbx:ivr-list shows them", leg.callId(), name, leg.servedUser());
            return CompletableFuture.completedFuture(Outcome.reject(404, "Not Found", 1,
                    "No IVR " + (name != null ? "'" + name + "'" : "for " + leg.servedUser()), CallTag.ROUTING_FAILURE));
        }
        catalog.answered(ivr.name());
        return new IvrRun(leg, ivr, clock).start();
    }
}
