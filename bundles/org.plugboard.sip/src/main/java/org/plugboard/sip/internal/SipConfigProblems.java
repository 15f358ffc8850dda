package org.plugboard.sip.internal;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.plugboard.api.config.ConfigProblem;
import org.plugboard.api.config.ConfigProblems;

/** The SIP settings not applied as asked (today: TLS key material), for {@code pbx:config-check}. */
@Component(property = ConfigProblems.SOURCE + "=sip")
public class SipConfigProblems implements ConfigProblems {
    private final SipDiagnostics sip;

    @org.osgi.service.component.annotations.Activate
    public SipConfigProblems(@Reference SipDiagnostics sip) {
        this.sip = sip;
    }

    @Override
    public List<ConfigProblem> problems() {
        String p = sip.tlsProblem();
        return p == null ? List.of() : List.of(new ConfigProblem("sip", "org.plugboard.sip", "SIP over TLS", "tls.certificate", p,
                "fix the files named by tls.certificate and tls.private.key (or tls.keystore) in etc/org.plugboard.sip.cfg"));
    }
}
