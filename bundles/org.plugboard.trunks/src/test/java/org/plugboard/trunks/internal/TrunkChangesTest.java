package org.plugboard.trunks.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.plugboard.api.status.StatusListener;
import org.plugboard.api.status.TrunkStatus;

/** Trunks added and removed reach the status listeners in the API's types; calls coming and going do not. */
class TrunkChangesTest {
    /** A framework with no rewriter services: the only part of it the registry asks. */
    static final BundleContext NO_SERVICES = (BundleContext) Proxy.newProxyInstance(
            TrunkChangesTest.class.getClassLoader(), new Class<?>[] {BundleContext.class},
            (proxy, method, args) -> method.getName().equals("getServiceReferences") ? List.of() : null);

    final TrunkRegistry registry = new TrunkRegistry(NO_SERVICES, null);
    final TrunkStatusComponent status = new TrunkStatusComponent(registry);
    final List<String> told = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        status.deactivate();
        registry.deactivate();
    }

    void listen() {
        status.addListener(new StatusListener() {
            @Override
            public void trunkChanged(TrunkStatus before, TrunkStatus after) {
                told.add((before == null ? "-" : before.name() + "@" + before.resolved()) + " -> "
                        + (after == null ? "-" : after.name() + "@" + after.resolved()));
            }
        });
    }

    @Test
    void addedAndRemovedAreToldCallsAreNot() {
        listen();
        registry.add(TrunkSettingsTest.settings("carrier", "", "2"));
        assertEquals(List.of("- -> carrier@127.0.0.5:16210/UDP"), told);
        registry.limits.admit("call-1", List.of(new TrunkLimits.Slot("carrier", TrunkLimits.Direction.OUTBOUND)),
                n -> registry.settings(n).orElseThrow(), System.currentTimeMillis());
        registry.remove("carrier");
        assertEquals(List.of("- -> carrier@127.0.0.5:16210/UDP", "carrier@127.0.0.5:16210/UDP -> -"), told);
    }

    @Test
    void withoutTheStatusComponentTheRegistryTellsNobody() {
        listen();
        status.deactivate();
        registry.add(TrunkSettingsTest.settings("carrier", "", "2"));
        assertEquals(List.of(), told);
    }
}
