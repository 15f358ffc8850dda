package org.plugboard.itests;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Issue 12: updating any bundle, and installing or removing a feature, while the PBX carries a steady load must
 * refuse no new call and drop no established one. While the load of {@link UnderLoadSupport} runs (1001
 * calls 1002), one step after the other with a settle period between: {@code Bundle.update()} of every PBX bundle, then
 * {@code feature:install} and {@code feature:uninstall} of an interop workaround.
 * <p>
 * Failures are counted on both sides and charged to the step that was running when they were seen: the caller's
 * refused calls (status and phrase) and dropped calls (a BYE from the PBX, or a non-2xx to its BYE), both SIPps'
 * failed calls (unexpected message, retransmission and receive timeouts, from -trace_err), and the PBX's CDRs of
 * the load's calls (any but ANSWERED/CALLER_BYE, or none for an answered call). The settle period outlasts a call,
 * so a call lost by a step fails (at the latest when its BYE gets 481) before the next step starts; the PBX's CDR of
 * a call the caller saw fail is charged to that moment. The callee's side of such a call cannot be tied to it (the
 * PBX's leg has its own Call-ID): a callee left waiting for a BYE times out (-recv_timeout, hold + 30 s) a step or two
 * later, and its report names that later step too.
 * <p>
 * Defaults: 30 calls/s held 10 s (about 300 live calls), 12 s settle: 11 steps fit the suite's time budget. A longer
 * run: {@code -Dload.rate=20 -Dload.hold=20} (settle defaults to hold + 2 s; {@code -Dload.settle} sets it).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LiveUpdateUnderLoadIT extends UnderLoadSupport {
    private static final String FEATURE = "pbx-interop-no100rel";
    private static final List<String> BUNDLES = List.of("org.plugboard.calls", "org.plugboard.media", "org.plugboard.cdr",
            "org.plugboard.registrar", "org.plugboard.sip", "org.plugboard.directory", "org.plugboard.lines",
            "org.plugboard.trunks", "org.plugboard.serviceplans");

    @Override
    protected String name() {
        return "LiveUpdateUnderLoadIT";
    }

    @Override
    protected int defaultRate() {
        return 30;
    }

    @Override
    protected int defaultHold() {
        return 10;
    }

    @Override
    protected int callerPort() {
        return 17400;
    }

    @Override
    protected int calleePort() {
        return 17401;
    }

    @Test
    public void noCallRefusedOrDroppedWhileEachBundleIsUpdatedAndAFeatureComesAndGoes() throws Exception {
        ensureFeature(features, "pbx-lines", "pbx:line-list", "line(s)");
        ensureFeature(features, "pbx-trunks", "pbx:trunk-list", "trunk(s)");
        List<Map.Entry<String, Action>> actions = new ArrayList<>();
        for (String bsn : BUNDLES) {
            actions.add(Map.entry("bundle:update " + bsn, () -> bundleOf(bsn).update()));
        }
        actions.add(Map.entry("feature:install " + FEATURE, () -> features.installFeature(FEATURE)));
        actions.add(Map.entry("feature:uninstall " + FEATURE, () -> features.uninstallFeature(FEATURE)));
        runUnderLoad(actions);
    }
}
