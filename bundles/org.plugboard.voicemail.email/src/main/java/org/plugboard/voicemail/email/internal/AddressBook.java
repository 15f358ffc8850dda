package org.plugboard.voicemail.email.internal;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mailboxes' email addresses: loaded into memory at activation, read from memory only; a change goes to the
 * database first and to memory after the commit, one at a time on this component's writer thread, so a failed write
 * leaves memory as it was. The DataSource is {@code dataSource.target} of {@code etc/org.plugboard.voicemail.email.cfg}.
 */
@Component(service = AddressBook.class, configurationPid = EmailConfig.PID)
public class AddressBook {
    private static final Logger LOG = LoggerFactory.getLogger(AddressBook.class);

    private final AddressStore store;
    private final Clock clock;
    private final Map<String, String> addresses = new ConcurrentHashMap<>();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "voicemail-email-settings");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public AddressBook(@Reference(name = "dataSource", target = "(dataSourceName=plugboard)") DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    AddressBook(DataSource dataSource, Clock clock) {
        this.store = new AddressStore(dataSource);
        this.clock = clock;
        int applied = store.migrate(getClass().getClassLoader());
        addresses.putAll(store.loadAll());
        LOG.info("Voicemail email addresses ready: {} mailbox(es){}", addresses.size(),
                applied > 0 ? " (" + applied + " migration(s) applied)" : "");
    }

    /** A change to the SMTP settings only (EmailNotifier's): the addresses stay loaded, no reactivation. */
    @Modified
    void modified() {
        // nothing to do: this component only needs its DataSource
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        writer.shutdown();
        if (!writer.awaitTermination(5, TimeUnit.SECONDS)) {
            LOG.warn("Voicemail email settings writer still busy after 5 s; stopping it (a pending change may be lost)");
            writer.shutdownNow();
        }
    }

    /** @return what is wrong with an address, or null when it is one plain address (for the console) */
    public static String problem(String address) {
        return Addresses.problem(address);
    }

    /** From memory. */
    public Optional<String> address(String mailbox) {
        return Optional.ofNullable(mailbox == null ? null : addresses.get(mailbox));
    }

    /** Every mailbox with an address, by number. */
    public SortedMap<String, String> all() {
        return new TreeMap<>(addresses);
    }

    /**
     * Sets (or with null clears) a mailbox's address on the writer thread: stored, then in memory.
     *
     * @return the previous address (null if none); fails with the store's error, memory then unchanged
     * @throws IllegalArgumentException (in the stage) for an address that is no single plain address
     */
    public CompletableFuture<String> set(String mailbox, String address) {
        return CompletableFuture.supplyAsync(() -> {
            String a = address == null ? null : address.trim();
            if (a != null) {
                String problem = Addresses.problem(a);
                if (problem != null) {
                    throw new IllegalArgumentException(problem);
                }
            }
            store.save(mailbox, a, clock.instant());
            String before = a == null ? addresses.remove(mailbox) : addresses.put(mailbox, a);
            LOG.info("Voicemail email of {}: {}", mailbox, a == null ? "none" : a);
            return before;
        }, writer);
    }
}
