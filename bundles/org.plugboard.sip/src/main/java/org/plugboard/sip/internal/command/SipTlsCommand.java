package org.plugboard.sip.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.plugboard.sip.internal.SipDiagnostics;

@Service
@Command(scope = "pbx", name = "sip-tls", description = "Shows whether SIP over TLS listens, and the certificate new "
        + "connections get (subject, serial, expiry, SHA-256 fingerprint), or why TLS is off.")
public class SipTlsCommand implements Action {
    @Reference
    SipDiagnostics sip;

    @Option(name = "--check", description = "Check the key files for a renewal now instead of waiting for tls.reload.interval")
    boolean check;

    @Override
    public Object execute() {
        if (check) {
            System.out.println(sip.tlsCheckRenewal() ? "Renewed certificate installed." : "No (loadable) change in the key files.");
        }
        System.out.println(sip.tlsStatus());
        return null;
    }
}
