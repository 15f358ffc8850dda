package org.plugboard.lines.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import javax.sip.header.ExpiresHeader;
import javax.sip.message.Request;

import org.junit.jupiter.api.Test;
import org.osgi.service.component.ComponentConstants;

/**
 * A bundle update hands a line's registration to the next version instead of unregistering it: the unregistration
 * used to race the next version's REGISTER at the provider, which was then left without a binding while the line
 * showed REGISTERED (LinesIT against Kamailio).
 */
class LineHandoverTest extends RegistrationFixture {
    @Test
    void bundleUpdateKeepsTheProviderBindingWithoutUnregistering() throws Exception {
        Sequence sequence = Sequence.fresh();
        LineRegistration before = line(config(), sequence);
        before.start();
        answer(before, 401);
        answerOk(before, 120);
        now.addAndGet(30_000); // the update comes 30 s after the binding was granted
        int sentBefore = sent.size();

        Map<String, Object> deposited = LineHandovers.toMap("carrier1", sequence, before.handOver()); // deactivation
        assertEquals(sentBefore, sent.size(), "the update sent something (an unregistration?)");
        assertEquals(0, pendingTimers());

        // the next version of the bundle: what the hand-over store gives back, in JDK values only
        LineRegistration after = line(config(), LineHandovers.sequence(deposited));
        after.resume(LineHandovers.registration(deposited));
        assertEquals(sentBefore, sent.size(), "the next version registered again instead of carrying on");
        assertEquals(LineState.REGISTERED, after.status().state());
        assertEquals(90, after.status().expiresInSeconds());
        assertEquals(72, after.status().nextAttemptSeconds()); // the refresh stays due at 85% of 120 s

        fireTimers(71_000);
        assertEquals(sentBefore, sent.size());
        fireTimers(1_000);
        assertEquals(sentBefore + 1, sent.size());
        assertEquals(callId(sent.get(0)), callId(last()));
        assertEquals(sequence.last() + 1, cseq(last()));
        assertEquals(3600, expires(last()));
        answer(after, 401);
        answerOk(after, 120);
        assertEquals(LineState.REGISTERED, after.status().state());
        assertTrue(sent.stream().noneMatch(r -> expires(r) == 0), "an Expires: 0 was sent");
    }

    @Test
    void aRegisterInFlightAtTheUpdateIsSentAgainAtOnceWithTheNextCseq() throws Exception {
        Sequence sequence = Sequence.fresh();
        LineRegistration before = line(config(), sequence);
        before.start();
        Map<String, Object> deposited = LineHandovers.toMap("carrier1", sequence, before.handOver());
        LineRegistration after = line(config(), LineHandovers.sequence(deposited));
        after.resume(LineHandovers.registration(deposited));
        assertEquals(2, sent.size());
        assertEquals(callId(sent.get(0)), callId(last()));
        assertEquals(cseq(sent.get(0)) + 1, cseq(last()));
        assertTrue(sent.stream().noneMatch(r -> expires(r) == 0));
    }

    @Test
    void anotherAccountAfterTheUpdateRegistersAfresh() throws Exception {
        Sequence sequence = Sequence.fresh();
        LineRegistration before = line(config(), sequence);
        before.start();
        answer(before, 401);
        answerOk(before, 120);
        LineRegistration.Handover h = before.handOver();
        LineRegistration after = line(config().domain("127.0.0.1:16099"), sequence);
        after.resume(h);
        assertEquals(3, sent.size());
        assertEquals("sip:127.0.0.1:16099", last().getRequestURI().toString());
    }

    @Test
    void anExpiredBindingIsRegisteredAgainAtOnce() throws Exception {
        Sequence sequence = Sequence.fresh();
        LineRegistration before = line(config(), sequence);
        before.start();
        answer(before, 401);
        answerOk(before, 120);
        LineRegistration.Handover h = before.handOver();
        now.addAndGet(121_000); // the bundle stayed stopped longer than the binding lived
        line(config(), sequence).resume(h);
        assertEquals(3, sent.size());
    }

    @Test
    void aStateFromAnOlderVersionCarriesTheSequenceOnly() {
        Map<String, Object> old = Map.of("name", "carrier1", "callId", "c@x", "fromTag", "t", "cseq", 7L);
        assertEquals(7, LineHandovers.sequence(old).last());
        assertNull(LineHandovers.registration(old));
    }

    @Test
    void onlyADeletedOrChangedConfigurationUnregisters() {
        assertTrue(LineComponent.unregisters(ComponentConstants.DEACTIVATION_REASON_CONFIGURATION_DELETED));
        assertTrue(LineComponent.unregisters(ComponentConstants.DEACTIVATION_REASON_CONFIGURATION_MODIFIED));
        assertFalse(LineComponent.unregisters(ComponentConstants.DEACTIVATION_REASON_BUNDLE_STOPPED));
        assertFalse(LineComponent.unregisters(ComponentConstants.DEACTIVATION_REASON_REFERENCE));
        assertFalse(LineComponent.unregisters(ComponentConstants.DEACTIVATION_REASON_DISABLED));
    }

    private static int expires(Request r) {
        return ((ExpiresHeader) r.getHeader(ExpiresHeader.NAME)).getExpires();
    }
}
