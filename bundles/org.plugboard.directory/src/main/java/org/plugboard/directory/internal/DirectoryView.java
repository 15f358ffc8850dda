package org.plugboard.directory.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.plugboard.api.directory.DigestAlgorithm;
import org.plugboard.api.directory.Extension;

/**
 * The directory in memory: every extension with its HA1 per algorithm for the configured realm. Reads run on
 * SIP and call threads and never block: they read an immutable map through one volatile field. Writers (the
 * directory, after its transaction committed) copy the map, change the copy and publish it whole, so a reader
 * sees a whole import or none of it. Copying costs O(extensions) per write, which is fine for admin writes.
 */
final class DirectoryView {
    /** One extension and its HA1 digests (an algorithm is absent if no digest is stored for it). */
    record Entry(Extension extension, Map<DigestAlgorithm, String> ha1) {
        Entry {
            ha1 = ha1.isEmpty() ? Map.of() : new EnumMap<>(ha1);
        }

        String number() {
            return extension.number();
        }
    }

    // Never mutated once published; a HashMap (not Map.copyOf) so that get(null) answers null instead of throwing.
    private volatile Map<String, Entry> entries = new HashMap<>();

    Optional<Extension> find(String number) {
        Entry e = entries.get(number);
        return e == null ? Optional.empty() : Optional.of(e.extension());
    }

    Optional<String> ha1(String number, DigestAlgorithm algorithm) {
        Entry e = entries.get(number);
        return e == null ? Optional.empty() : Optional.ofNullable(e.ha1().get(algorithm));
    }

    /** All extensions ordered by number (the order of SQL {@code ORDER BY number} on these ASCII numbers). */
    List<Extension> list() {
        List<Extension> out = new ArrayList<>(entries.size());
        for (Entry e : entries.values()) {
            out.add(e.extension());
        }
        out.sort(Comparator.comparing(Extension::number));
        return out;
    }

    int count() {
        return entries.size();
    }

    /** Replaces the whole view, e.g. with what the database holds at activation. */
    synchronized void replaceAll(Collection<Entry> all) {
        Map<String, Entry> next = new HashMap<>(Math.max(16, all.size() * 2));
        for (Entry e : all) {
            next.put(e.number(), e);
        }
        entries = next;
    }

    synchronized void putAll(Collection<Entry> changed) {
        Map<String, Entry> next = new HashMap<>(entries);
        for (Entry e : changed) {
            next.put(e.number(), e);
        }
        entries = next;
    }

    synchronized void put(Entry entry) {
        putAll(List.of(entry));
    }

    synchronized void remove(String number) {
        if (entries.containsKey(number)) {
            Map<String, Entry> next = new HashMap<>(entries);
            next.remove(number);
            entries = next;
        }
    }
}
