package org.plugboard.voicemail.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.plugboard.api.application.ApplicationLeg;
import org.plugboard.api.application.MediaApplication;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.security.AuthFailureGuard;
import org.plugboard.api.service.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code voicemail} media application: parameter {@code mode=deposit} leaves a message in {@code box}
 * ({@code reason=busy} plays the busy greeting), {@code mode=login} runs the owner's menu for {@code box} (empty:
 * the box number is asked first). Wrong PINs go to the ban guard when the leg names the caller's address
 * (parameter {@code caller.address}).
 */
@Component(service = MediaApplication.class, configurationPid = VoicemailConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, property = MediaApplication.NAME + "=" + VoicemailApplication.NAME)
public class VoicemailApplication implements MediaApplication, MenuSession.PinEvents {
    static final String NAME = "voicemail";
    static final String CALLER_ADDRESS = "caller.address";
    private static final Logger LOG = LoggerFactory.getLogger(VoicemailApplication.class);

    private final Mailboxes boxes;
    private final VoicemailConfig config;
    private volatile AuthFailureGuard guard;

    @Activate
    public VoicemailApplication(@Reference MailboxRegistry registry, VoicemailConfig config) {
        this.boxes = registry.mailboxes();
        this.config = config;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void setGuard(AuthFailureGuard g) {
        guard = g;
    }

    void unsetGuard(AuthFailureGuard g) {
        if (guard == g) {
            guard = null;
        }
    }

    @Override
    public CompletionStage<Outcome> run(ApplicationLeg leg) {
        String mode = leg.parameters().getOrDefault(Numbers.MODE, Numbers.DEPOSIT);
        String box = leg.parameters().getOrDefault(Numbers.BOX, "");
        if (Numbers.DEPOSIT.equals(mode)) {
            if (box.isEmpty()) {
                return CompletableFuture.completedFuture(new Outcome.Reject(404, "No Such Mailbox", 1,
                        "voicemail deposit without a box", CallTag.ROUTING_FAILURE));
            }
            return new Deposit(boxes, leg, box, Numbers.BUSY.equals(leg.parameters().get(Numbers.REASON))).run();
        }
        return new MenuSession(boxes, leg, box, Math.max(1, config.pin_attempts()), config.pin_min_length(),
                Duration.ofSeconds(Math.max(1, config.greeting_max_seconds())), this).run();
    }

    @Override
    public void wrong(ApplicationLeg leg, String box) {
        InetAddress source = address(leg);
        AuthFailureGuard g = guard;
        if (g != null && source != null) {
            g.recordFailure(source);
        } else {
            LOG.debug("Call {}: wrong PIN not reported to the ban guard (guard {}, address {})", leg.callId(), g, source);
        }
    }

    @Override
    public void right(ApplicationLeg leg, String box) {
        InetAddress source = address(leg);
        AuthFailureGuard g = guard;
        if (g != null && source != null) {
            g.recordSuccess(source);
        }
    }

    /** A literal IP only (never a name lookup on the strand). */
    private static InetAddress address(ApplicationLeg leg) {
        String a = leg.parameters().get(CALLER_ADDRESS);
        if (a == null || !a.matches("[0-9a-fA-F.:]+")) {
            return null;
        }
        try {
            return InetAddress.getByName(a);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
