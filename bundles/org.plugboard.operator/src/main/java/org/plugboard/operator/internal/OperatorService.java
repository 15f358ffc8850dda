package org.plugboard.operator.internal;

import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.plugboard.api.calls.CallControl;
import org.plugboard.api.calls.CallInfo;
import org.plugboard.api.directory.Directory;
import org.plugboard.api.service.CallService;
import org.plugboard.api.service.Outcome;
import org.plugboard.api.service.ServiceRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code operator} call service at ORIGINATING: the barge-in, listen and override codes ({@link OperatorDecision}).
 * Works without a configuration file (the default codes); {@code etc/org.plugboard.operator.cfg} changes them live.
 */
@Component(configurationPid = OperatorConfig.PID,
        property = {CallService.NAME + "=" + OperatorService.NAME, CallService.POINTS + "=ORIGINATING"})
@Designate(ocd = OperatorConfig.class)
public class OperatorService implements CallService {
    static final String NAME = "operator";
    /** The source profile of calls from the PBX's own phones. */
    static final String PHONES = "default";
    private static final Logger LOG = LoggerFactory.getLogger(OperatorService.class);

    private final Permissions permissions;
    private final Directory directory;
    private volatile CallControl control;
    private volatile OperatorDecision decision;

    @Activate
    public OperatorService(@Reference Permissions permissions, @Reference Directory directory, OperatorConfig config) {
        this.permissions = permissions;
        this.directory = directory;
        modified(config);
    }

    /** A bad code table or overrideBusy throws: SCR logs it, the previous decision stays. */
    @Modified
    void modified(OperatorConfig config) {
        OperatorCodes codes = OperatorCodes.of(config);
        OperatorDecision.OverrideBusy busy = OperatorDecision.OverrideBusy.of(config.overrideBusy());
        decision = new OperatorDecision(codes, busy, permissions::allowed, n -> directory.find(n).isPresent(), this::callOf);
        LOG.info("Operator service ready; codes {}, override of a busy extension: {}", codes, busy);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void setControl(CallControl c) {
        control = c;
    }

    void unsetControl(CallControl c) {
        if (control == c) {
            control = null;
        }
    }

    @Override
    public Outcome handle(ServiceRequest request) {
        return decision.decide(request.caller(), request.dialled(), PHONES.equals(request.sourceProfile()));
    }

    private Optional<TargetCall> callOf(String extension) {
        CallControl c = control;
        List<CallInfo> calls = c == null ? List.of() : c.calls();
        return TargetCall.of(calls, extension, "");
    }
}
