package org.plugboard.groups.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.plugboard.api.service.CallService;
import org.plugboard.api.service.Outcome;
import org.plugboard.api.service.ServiceRequest;

/**
 * The {@code groups} call service: for a ring group number, the simultaneous group's ring time at {@code ROUTED}
 * and the no-answer destination at {@code NO_ANSWER}, {@code BUSY} and {@code UNREACHABLE} ({@link NoAnswerRule}).
 * Other served users: continue.
 */
@Component(property = {CallService.NAME + "=" + GroupService.NAME, CallService.POINTS + "=ROUTED",
    CallService.POINTS + "=NO_ANSWER", CallService.POINTS + "=BUSY", CallService.POINTS + "=UNREACHABLE"})
public class GroupService implements CallService {
    static final String NAME = "groups";

    private final NoAnswerRule rule;

    @Activate
    public GroupService(@Reference Groups groups) {
        this.rule = new NoAnswerRule(groups::state);
    }

    @Override
    public Outcome handle(ServiceRequest request) {
        return rule.decide(request);
    }
}
