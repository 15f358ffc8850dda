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
 * Issue 13: each call-service feature installed, updated and uninstalled on a running PBX under a steady load,
 * with no refused and no dropped call on either side (the harness of {@link UnderLoadSupport}: 1001 calls 1002; the
 * SIPp callee is registered as 1002 and 1003). While {@code pbx-forwarding} is installed, 1002 forwards
 * unconditionally to 1003, so the load's calls are being forwarded (181, a second routing) when its bundle is
 * updated and when the feature goes away; the other features are configured so that their service runs on every
 * call without refusing it. Defaults: 20 calls/s held 6 s (about 120 live calls through every step), a 3 s settle
 * per step (see {@link UnderLoadSupport}: a dropped call is charged to every step that ran while it was up).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ServiceFeaturesUnderLoadIT extends UnderLoadSupport {
    /** feature, its bundles, the console commands that put its service to work, the commands that undo them. */
    private record ServiceFeature(String feature, List<String> bundles, List<String> setUp, List<String> tearDown) {
    }

    private static final List<ServiceFeature> FEATURES = List.of(
            // a system black list entry no load call matches: the matcher runs on every call and refuses none
            new ServiceFeature("pbx-screening", List.of("org.plugboard.screening"),
                    List.of("pbx:screen-add system black 9999"), List.of()),
            new ServiceFeature("pbx-forwarding", List.of("org.plugboard.forwarding"),
                    List.of("pbx:fwd-set 1002 cfu 1003"), List.of("pbx:fwd-clear 1002")),
            new ServiceFeature("pbx-groups", List.of("org.plugboard.groups"),
                    List.of("pbx:group-add 600 Load simultaneous", "pbx:group-members 600 1003"), List.of("pbx:group-remove 600")),
            // DND off and no limit: the service counts every call and refuses none
            new ServiceFeature("pbx-dnd", List.of("org.plugboard.dnd"), List.of("pbx:dnd 1002 off"), List.of()),
            // every call's events reach the dialog package (no watcher needed for that)
            new ServiceFeature("pbx-blf", List.of("org.plugboard.blf", "org.plugboard.subscriptions"), List.of(), List.of()),
            // the TRANSFER point's service: no load call transfers; it comes and goes under the calls all the same
            new ServiceFeature("pbx-transfer", List.of("org.plugboard.transfer"), List.of(), List.of()));

    @Override
    protected String name() {
        return "ServiceFeaturesUnderLoadIT";
    }

    @Override
    protected int callerPort() {
        return 17410;
    }

    @Override
    protected int calleePort() {
        return 17411;
    }

    @Override
    protected int defaultHold() {
        return 6;
    }

    @Override
    protected List<String> calleeNumbers() {
        return List.of("1002", "1003");
    }

    @Test
    public void noCallRefusedOrDroppedWhileEachServiceFeatureComesIsUpdatedAndGoes() throws Exception {
        List<Map.Entry<String, Action>> actions = new ArrayList<>();
        for (ServiceFeature f : FEATURES) {
            actions.add(Map.entry("feature:install " + f.feature(), () -> {
                features.installFeature(f.feature());
                for (String c : f.setUp()) {
                    runOnceThere(c);
                }
            }));
            for (String bsn : f.bundles()) {
                actions.add(Map.entry("bundle:update " + bsn, () -> bundleOf(bsn).update()));
            }
            actions.add(Map.entry("feature:uninstall " + f.feature(), () -> {
                for (String c : f.tearDown()) {
                    command(c);
                }
                features.uninstallFeature(f.feature());
            }));
        }
        runUnderLoad(actions);
    }

    /** Runs a console command as soon as its bundle has registered it; fails when it answers with an error. */
    private void runOnceThere(String c) throws InterruptedException {
        String[] out = {""};
        waitFor(c + " (its bundle's commands)", 30_000, () -> !(out[0] = command(c)).contains("EXCEPTION"));
        if (out[0].lines().anyMatch(l -> l.startsWith("Error"))) { // how Karaf and our commands report a failure
            throw new AssertionError(c + ": " + out[0]);
        }
    }
}
