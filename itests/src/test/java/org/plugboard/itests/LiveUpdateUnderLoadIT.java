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
 * calls 1002), one step after the other, each once the B2BUA is back in service and the load has run on through the
 * changed PBX for the settle period: {@code Bundle.update()} of every PBX bundle, then {@code feature:install} and
 * {@code feature:uninstall} of an interop workaround.
 * <p>
 * Failures are counted on both sides (see {@link UnderLoadSupport}) and any one fails the test: the caller's refused
 * calls (status and phrase) and dropped calls (a BYE from the PBX, or a non-2xx to its BYE), both SIPps' failed calls
 * (unexpected message, retransmission and receive timeouts, from -trace_err), and the PBX's CDRs of the load's calls
 * (any but ANSWERED/CALLER_BYE, or none for an answered call). A refused call is charged to the step running when it
 * was refused, a dropped call to every step that ran while it was up (its BYE may get its 481 steps later).
 * <p>
 * Defaults: 30 calls/s held 10 s (about 300 live calls through every step), 3 s settle. A longer run:
 * {@code -Dload.rate=20 -Dload.hold=20 -Dload.settle=22} (each step a whole call apart, as before).
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
