package org.plugboard.transfer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.plugboard.api.service.DetectionPoint;
import org.plugboard.api.service.Diversion;
import org.plugboard.api.service.Outcome;
import org.plugboard.api.service.ServiceRequest;

/** Who may transfer, from the permits in memory and the defaults. */
class TransferPolicyTest {
    private final Map<String, Permit> own = Map.of("1002", new Permit("1002", false, null), "1003", new Permit("1003", null, true));
    private final TransferPolicy policy = new TransferPolicy(n -> own.getOrDefault(n, Permit.defaults(n)),
            Set.of("1001", "1002", "1003")::contains, new TransferPolicy.Defaults(true, false));

    /** A REFER of {@code transferor} to {@code target}, outside the PBX or not. */
    static ServiceRequest refer(String transferor, String target, boolean outside) {
        return new ServiceRequest() {
            public String callId() { return "c1"; }
            public DetectionPoint point() { return DetectionPoint.TRANSFER; }
            public String servedUser() { return transferor; }
            public String caller() { return "1001"; }
            public boolean callerAnonymous() { return false; }
            public String dialled() { return "1002"; }
            public String callee() { return "1002"; }
            public String sourceProfile() { return "default"; }
            public List<Diversion> diversions() { return List.of(); }
            public int failureStatus() { return 0; }
            public Instant time() { return Instant.EPOCH; }
            public Optional<String> header(String name) { return Optional.empty(); }
            public Optional<String> transferTarget() { return Optional.of(target); }
            public boolean transferToOutside() { return outside; }
        };
    }

    private String refusal(ServiceRequest r) {
        Outcome o = policy.decide(r);
        return o instanceof Outcome.Reject j ? j.status() + " " + j.phrase() + ": " + j.text() : "allowed";
    }

    @Test
    void defaultsLetExtensionsTransferInsideOnly() {
        assertEquals("allowed", refusal(refer("1001", "1003", false)));
        assertEquals("403 Transfer Outside Not Permitted: 1001 may not transfer calls to outside numbers (0049301234)",
                refusal(refer("1001", "0049301234", true)));
    }

    @Test
    void anExtensionsOwnPermitWinsOverTheDefaults() {
        assertEquals("403 Transfer Not Permitted: 1002 may not transfer calls (to 1003)", refusal(refer("1002", "1003", false)));
        assertEquals("allowed", refusal(refer("1003", "0049301234", true)), "1003 may call out");
        policy.defaults(new TransferPolicy.Defaults(false, false));
        assertEquals("403 Transfer Not Permitted: 1001 may not transfer calls (to 1003)", refusal(refer("1001", "1003", false)),
                "a live change of the defaults");
        assertEquals("403 Transfer Not Permitted: 1003 may not transfer calls (to 1001)", refusal(refer("1003", "1001", false)),
                "1003 follows the default for transfer itself");
    }

    @Test
    void aTransferorThatIsNoExtensionIsRefused() {
        Outcome o = policy.decide(refer("0049301234", "0900123", true));
        Outcome.Reject r = assertInstanceOf(Outcome.Reject.class, o);
        assertEquals(List.of(403, 21), List.of(r.status(), r.q850Cause()));
        assertEquals("0049301234 is no extension of this PBX and may not transfer calls (to 0900123)", r.text());
    }
}
