package org.plugboard.cdr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.osgi.service.component.ComponentContext;

class SinkSwitchTest {
    private final List<String> calls = new ArrayList<>();
    private final ComponentContext context = (ComponentContext) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {ComponentContext.class}, (proxy, method, args) -> {
                calls.add(method.getName() + " " + ((String) args[0]).replace("org.plugboard.cdr.internal.", ""));
                return null;
            });

    private static TestConfig config(boolean csv, boolean db) {
        return new TestConfig(csv, "", 1, 1, db);
    }

    @Test
    void enablesWhatIsConfiguredAndFollowsChanges() {
        SinkSwitch s = new SinkSwitch(context, config(true, true));
        assertEquals(List.of("enableComponent JdbcCdrSink", "enableComponent CsvCdrSink"), calls);
        calls.clear();
        s.modified(config(true, false));
        assertEquals(List.of("disableComponent JdbcCdrSink", "enableComponent CsvCdrSink"), calls);
        calls.clear();
        s.modified(config(false, false));
        assertEquals(List.of("disableComponent JdbcCdrSink", "disableComponent CsvCdrSink"), calls);
    }
}
