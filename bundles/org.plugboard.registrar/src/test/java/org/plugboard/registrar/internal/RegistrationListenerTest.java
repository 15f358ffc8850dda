package org.plugboard.registrar.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plugboard.api.location.Binding;
import org.plugboard.api.location.RegistrationListener;

/** The registrar tells its listeners of each binding that comes or goes, and of one that lapses when it lapses. */
class RegistrationListenerTest {
    private final GatedTable table = new GatedTable();
    private final LocationStore store;
    private final BlockingQueue<String> heard = new LinkedBlockingQueue<>();

    RegistrationListenerTest() {
        table.open();
        store = new LocationStore(table, List.of(), Clock.systemUTC(), Duration.ofSeconds(5));
        store.addListener(new RegistrationListener() {
            @Override
            public void added(Binding b) {
                heard.add("added " + b.extension() + " " + b.contact());
            }

            @Override
            public void removed(Binding b) {
                heard.add("removed " + b.extension() + " " + b.contact());
            }
        });
    }

    @AfterEach
    void stop() {
        store.deactivate();
    }

    static Binding binding(String ext, String contact, Duration lifetime) {
        return new Binding(ext, contact, Instant.now().plus(lifetime), "cid-" + contact, 1, "127.0.0.1:5070", "UDP",
                "", "");
    }

    @Test
    void aNewContactIsAddedARefreshIsNothingAReplacementAndAnUnregisterAreRemovals() throws Exception {
        Binding phone = binding("1001", "sip:1001@127.0.0.1:5070", Duration.ofHours(1));
        store.update("1001", live -> List.of(phone));
        assertEquals("added 1001 sip:1001@127.0.0.1:5070", heard.poll(5, TimeUnit.SECONDS));

        store.update("1001", live -> List.of(binding("1001", phone.contact(), Duration.ofHours(2))));
        Binding other = binding("1001", "sip:1001@127.0.0.1:5080", Duration.ofHours(1));
        store.update("1001", live -> List.of(other)); // the other device replaces the first
        assertEquals("removed 1001 sip:1001@127.0.0.1:5070", heard.poll(5, TimeUnit.SECONDS),
                "the refresh before was told as nothing");
        assertEquals("added 1001 sip:1001@127.0.0.1:5080", heard.poll(5, TimeUnit.SECONDS));

        store.update("1001", live -> List.of()); // Expires: 0
        assertEquals("removed 1001 sip:1001@127.0.0.1:5080", heard.poll(5, TimeUnit.SECONDS));
        assertNull(heard.poll(200, TimeUnit.MILLISECONDS));
    }

    /** Sampled events saw a lapse within a second; the 30 s purge alone would tell it up to 30 s late. */
    @Test
    void aBindingThatLapsesIsRemovedAtItsExpiry() throws Exception {
        store.update("1002", live -> List.of(binding("1002", "sip:1002@127.0.0.1:5072", Duration.ofMillis(800))));
        assertEquals("added 1002 sip:1002@127.0.0.1:5072", heard.poll(5, TimeUnit.SECONDS));
        assertEquals("removed 1002 sip:1002@127.0.0.1:5072", heard.poll(5, TimeUnit.SECONDS));
        assertEquals(List.of(), store.lookup("1002"));
    }

    @Test
    void aFailingListenerDoesNotStopTheOthersNorTheChange() throws Exception {
        RegistrationListener failing = new RegistrationListener() {
            @Override
            public void added(Binding b) {
                throw new IllegalStateException("listener bug (test)");
            }
        };
        store.addListener(failing);
        store.update("1003", live -> List.of(binding("1003", "sip:1003@127.0.0.1:5073", Duration.ofHours(1))));
        assertEquals("added 1003 sip:1003@127.0.0.1:5073", heard.poll(5, TimeUnit.SECONDS));
        assertEquals(1, store.lookup("1003").size());
    }
}
