package org.plugboard.screening.internal;

import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The screening lists: kept in the database, answered from memory. Loaded once at activation; a write goes to the
 * database first and changes the in-memory {@link ScreeningState} only after the commit, so a failed write leaves
 * both as they were. Writes are serialized; reads ({@link #state()}) take no lock. Registered as a service for the
 * call service and the console commands of this bundle (its package is not exported).
 */
@Component(service = ScreeningLists.class)
public class ScreeningLists {
    private static final Logger LOG = LoggerFactory.getLogger(ScreeningLists.class);

    private final ScreeningStore store;
    private final Object writes = new Object();
    private volatile ScreeningState state;

    @Activate
    public ScreeningLists(@Reference(name = "dataSource", target = "(dataSourceName=plugboard)") DataSource dataSource) {
        this(new ScreeningStore(dataSource));
        store.migrate(getClass().getClassLoader());
        state = store.load();
        LOG.info("Screening lists ready: {} entries, {} extension(s) refusing anonymous calls", state.size(),
                state.anonymousRefused().size());
    }

    /** For tests: a store already migrated; nothing is loaded until {@link #reload()}. */
    ScreeningLists(ScreeningStore store) {
        this.store = store;
        this.state = ScreeningState.EMPTY;
    }

    void reload() {
        synchronized (writes) {
            state = store.load();
        }
    }

    /** The current lists, for a call's strand: a volatile read. */
    ScreeningState state() {
        return state;
    }

    /**
     * Adds an entry from console-style text. Throws {@link IllegalArgumentException} naming the fault and the fix
     * (bad prefix, rate, list; the same entry already there).
     */
    public Entry add(String owner, String kind, String caller, String called, String rate) {
        String o = EntryRules.owner(owner);
        ListKind k = ListKind.parse(kind);
        String from = EntryRules.caller(caller);
        String to = EntryRules.called(called == null ? Entry.ANY : called);
        int r = EntryRules.rate(k, rate);
        synchronized (writes) {
            Entry same = state.same(o, k, from, to);
            if (same != null) {
                throw new IllegalArgumentException(same.listName() + " already has entry " + same.describe()
                        + ": remove it first (pbx:screen-remove " + same.id() + ") to change its rate");
            }
            Entry e = store.insert(o, k, from, to, r);
            state = state.with(e);
            LOG.info("Screening: added {} to {}", e.describe(), e.listName());
            return e;
        }
    }

    /** Removes an entry; the removed entry, or an {@link IllegalArgumentException} when there is none by that id. */
    public Entry remove(long id) {
        synchronized (writes) {
            Entry e = state.entry(id);
            if (e == null) {
                throw new IllegalArgumentException("there is no entry #" + id + ": pbx:screen-list shows the ids");
            }
            store.delete(id);
            state = state.without(e);
            LOG.info("Screening: removed {} from {}", e.describe(), e.listName());
            return e;
        }
    }

    /** Turns the rejection of anonymous calls to an extension on or off. */
    public void refuseAnonymous(String extension, boolean refuse) {
        String ext = EntryRules.extension(extension);
        synchronized (writes) {
            store.setAnonymous(ext, refuse);
            state = state.anonymous(ext, refuse);
            LOG.info("Screening: anonymous calls to {} {}", ext, refuse ? "refused" : "allowed");
        }
    }

    /**
     * Replaces an extension's personal list and anonymous switch as a whole (REST settings): entries already checked
     * by the caller; database first, memory after the commit.
     */
    List<Entry> replacePersonal(String extension, List<ScreeningStore.NewEntry> entries, boolean refuseAnonymous) {
        String ext = EntryRules.extension(extension);
        synchronized (writes) {
            List<Entry> stored = store.replace(ext, entries, refuseAnonymous);
            state = state.replaced(ext, stored).anonymous(ext, refuseAnonymous);
            LOG.info("Screening: {}'s list replaced, {} entries, anonymous calls {}", ext, stored.size(),
                    refuseAnonymous ? "refused" : "allowed");
            return stored;
        }
    }

    /** Entries of the system list ({@code system}), of one extension, or all (null). */
    public List<Entry> entries(String owner) {
        return state.entries(owner == null ? null : EntryRules.owner(owner));
    }

    public Set<String> anonymousRefused() {
        return state.anonymousRefused();
    }
}
