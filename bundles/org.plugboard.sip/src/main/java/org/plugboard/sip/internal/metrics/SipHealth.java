package org.plugboard.sip.internal.metrics;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.plugboard.api.metrics.Health;
import org.plugboard.api.metrics.HealthCheck;
import org.plugboard.sip.internal.SipDiagnostics;

/**
 * "sip": up while the stack has listening points. The stack's component does not exist when it could not listen (the
 * port taken, an address not on this machine), so that case is told here rather than by a missing check.
 */
@Component(property = HealthCheck.NAME + "=sip")
public class SipHealth implements HealthCheck {
    private volatile SipDiagnostics sip;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setSip(SipDiagnostics s) {
        sip = s;
    }

    void unsetSip(SipDiagnostics s) {
        if (sip == s) {
            sip = null;
        }
    }

    @Override
    public Health check() {
        SipDiagnostics s = sip;
        if (s == null) {
            return Health.down("the SIP stack is not running: it could not start (often its port is taken or an address "
                    + "in etc/org.plugboard.sip.cfg is not on this machine; see 'Cannot listen' in the log)");
        }
        List<String> points = s.listeningPoints();
        return points.isEmpty() ? Health.down("no listening point open (the stack is restarting or stopped)")
                : Health.up("listening on " + String.join(", ", points));
    }
}
