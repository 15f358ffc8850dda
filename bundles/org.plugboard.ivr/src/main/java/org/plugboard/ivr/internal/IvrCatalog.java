package org.plugboard.ivr.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every IVR in memory, by name and by number: the calls read only these maps (replaced whole on a load, read without
 * locks), never a file. Loads are serialized. A file that fails to load leaves the last good version of its name in
 * service and is remembered as that name's fault. {@code filesRead} counts file reads, {@code callsAnswered} the
 * calls the IVRs answered: the first stays put while the second grows.
 */
final class IvrCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(IvrCatalog.class);
    static final String SUFFIX = ".xml";

    /** An IVR in service: its model, the file and when it was loaded. */
    record Entry(Ivr ivr, Path file, Instant loaded) {
    }

    private final IvrParser parser;
    private final Clock clock;
    private volatile Map<String, Entry> byName = Map.of();
    private volatile Map<String, String> nameByNumber = Map.of();
    private final Map<String, IvrFault> faults = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> answeredByName = new ConcurrentHashMap<>();
    private final AtomicLong filesRead = new AtomicLong();
    private final LongAdder callsAnswered = new LongAdder();

    IvrCatalog(IvrParser parser, Clock clock) {
        this.parser = parser;
        this.clock = clock;
    }

    /** The IVR's name for a file: its name without {@code .xml}. */
    static String nameOf(Path file) {
        String f = file.getFileName().toString();
        return f.endsWith(SUFFIX) ? f.substring(0, f.length() - SUFFIX.length()) : f;
    }

    static boolean isIvrFile(Path file) {
        String f = file.getFileName().toString();
        return f.endsWith(SUFFIX) && !f.startsWith(".") && f.length() > SUFFIX.length();
    }

    /** Loads every {@code *.xml} of {@code dir}. */
    synchronized void loadAll(Path dir) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path f : new java.util.TreeSet<>(iterable(files))) {
                if (isIvrFile(f)) {
                    load(f);
                }
            }
        } catch (IOException e) {
            LOG.error("IVR directory {} cannot be read: {}", dir, e.toString());
        }
    }

    private static java.util.List<Path> iterable(DirectoryStream<Path> files) {
        java.util.List<Path> all = new java.util.ArrayList<>();
        files.forEach(all::add);
        return all;
    }

    /**
     * Reads, validates and puts a file in service (a new version of its name).
     *
     * @return the IVR now in service, or the fault (the old version, if any, stays)
     */
    synchronized Optional<IvrFault> load(Path file) {
        String name = nameOf(file);
        try {
            Ivr parsed = read(file);
            checkNumber(name, file.getFileName().toString(), parsed);
            Entry old = byName.get(name);
            Ivr ivr = parsed.withVersion(old == null ? 1 : old.ivr().version() + 1);
            Map<String, Entry> names = new HashMap<>(byName);
            names.put(name, new Entry(ivr, file, clock.instant()));
            publish(names);
            faults.remove(name);
            LOG.info("IVR '{}' version {} loaded from {}: number {}, {} menu(s)", name, ivr.version(), file, ivr.number(),
                    ivr.menus().size());
            return Optional.empty();
        } catch (IvrFault f) {
            faults.put(name, f);
            Entry old = byName.get(name);
            LOG.error("IVR file refused: {}; {}", f.getMessage(), old == null ? "no version of IVR '" + name + "' is in service"
                    : "version " + old.ivr().version() + " stays in service");
            return Optional.of(f);
        }
    }

    /** A number answers one IVR only. */
    private void checkNumber(String name, String shown, Ivr parsed) throws IvrFault {
        String other = nameByNumber.get(parsed.number());
        if (other != null && !other.equals(name)) {
            throw new IvrFault(shown, 0, 0, "number " + parsed.number() + " is already answered by IVR '"
                    + other + "' (" + other + SUFFIX + "); give this one another number");
        }
    }

    /** Checks content for IVR {@code name} as {@link #load} would, without a file and without putting it in service. */
    synchronized Ivr validate(String name, byte[] content) throws IvrFault {
        String shown = name + SUFFIX;
        Ivr parsed = parser.parse(name, shown, content);
        checkNumber(name, shown, parsed);
        return parsed;
    }

    /** Parses a file without putting it in service ({@code pbx:ivr-validate}). */
    Ivr read(Path file) throws IvrFault {
        String shown = file.getFileName().toString();
        byte[] content;
        try {
            long size = Files.size(file);
            if (size > parser.maxBytes()) {
                throw new IvrFault(shown, 0, 0, "is " + size + " bytes, over the limit of " + parser.maxBytes()
                        + " (max.file.bytes of org.plugboard.ivr)");
            }
            content = Files.readAllBytes(file);
            filesRead.incrementAndGet();
        } catch (IOException e) {
            throw new IvrFault(shown, 0, 0, "cannot be read: " + e);
        }
        return parser.parse(nameOf(file), shown, content);
    }

    /** The file is gone: its IVR leaves service (calls in it finish on their model). */
    synchronized void remove(Path file) {
        String name = nameOf(file);
        faults.remove(name);
        Entry old = byName.get(name);
        if (old != null && old.file().equals(file)) {
            Map<String, Entry> names = new HashMap<>(byName);
            names.remove(name);
            publish(names);
            LOG.info("IVR '{}' removed: {} was deleted", name, file);
        }
    }

    private void publish(Map<String, Entry> names) {
        Map<String, String> numbers = new HashMap<>();
        names.forEach((n, e) -> numbers.put(e.ivr().number(), n));
        byName = Map.copyOf(names);
        nameByNumber = Map.copyOf(numbers);
    }

    Ivr byNumber(String number) {
        String name = number == null ? null : nameByNumber.get(number);
        return name == null ? null : byName(name);
    }

    Ivr byName(String name) {
        Entry e = name == null ? null : byName.get(name);
        return e == null ? null : e.ivr();
    }

    Map<String, Entry> entries() {
        return new TreeMap<>(byName);
    }

    Map<String, IvrFault> faults() {
        return new TreeMap<>(faults);
    }

    void answered(String name) {
        callsAnswered.increment();
        answeredByName.computeIfAbsent(name, n -> new LongAdder()).increment();
    }

    long answered(Ivr ivr) {
        LongAdder a = answeredByName.get(ivr.name());
        return a == null ? 0 : a.sum();
    }

    long filesRead() {
        return filesRead.get();
    }

    long callsAnswered() {
        return callsAnswered.sum();
    }
}
