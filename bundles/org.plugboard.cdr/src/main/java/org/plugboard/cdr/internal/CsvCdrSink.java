package org.plugboard.cdr.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.plugboard.api.cdr.CallDetailRecord;
import org.plugboard.api.cdr.CdrSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends every CDR as one CSV line to {@code cdr-YYYY-MM-DD.csv} (local date of the write), continued in
 * {@code -1}, {@code -2} ... files past {@code csv.max.file.size}; at most {@code csv.max.files} files are kept.
 * Each line is in the file (the kernel's page cache) when {@link #write} returns, so a {@code kill -9} of the PBX
 * cannot lose it; {@link #flush}, which the B2BUA calls after each run of writes, forces them to the disk with one
 * fdatasync (group commit), and only then does the B2BUA count them stored, so a power cut loses none either. These
 * files are the CDRs' source of truth: the database sink recovers from them ({@link CdrRecovery}). Enabled by
 * {@link SinkSwitch} when {@code csv.enabled} is true.
 */
@Component(service = CdrSink.class, immediate = true, configurationPid = CdrConfig.PID, enabled = false,
        property = CdrSink.DURABLE + ":Boolean=true")
public class CsvCdrSink implements CdrSink {
    private static final Logger LOG = LoggerFactory.getLogger(CsvCdrSink.class);
    static final String[] HEADER = {"call_ref", "call_id", "caller", "callee", "answered_by", "start_time",
        "ringing_time", "answer_time", "end_time", "billable_seconds", "disposition", "sip_status", "q850_cause",
        "reason", "tag", "final_callee", "linked_call", "notes", "leg_call_ids"};
    /** Columns of files written before final_callee (cdr API 1.1): their lines still read back. */
    static final int OLD_COLUMNS = 15;
    /** Columns of files written before linked_call (cdr API 1.2 before transfers): their lines still read back. */
    static final int COLUMNS_BEFORE_LINK = 16;
    /** Columns of files written before notes (cdr API 1.3): their lines still read back. */
    static final int COLUMNS_BEFORE_NOTES = 17;
    /** Columns of files written before leg_call_ids (cdr API 1.4): their lines still read back. */
    static final int COLUMNS_BEFORE_LEGS = 18;
    /** Every column count a file of some version has, newest first. */
    static final int[] KNOWN_COLUMNS = {HEADER.length, COLUMNS_BEFORE_LEGS, COLUMNS_BEFORE_NOTES, COLUMNS_BEFORE_LINK, OLD_COLUMNS};
    static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build();
    /** cdr-2026-11-23.csv, cdr-2026-11-23-1.csv ... */
    static final Pattern FILE = Pattern.compile("cdr-(\\d{4}-\\d{2}-\\d{2})(?:-(\\d+))?\\.csv");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX")
            .withZone(ZoneOffset.UTC);
    static final byte[] HEADER_LINE = line(List.of(HEADER));

    private final Clock clock;
    private Path directory;
    private long maxFileSize;
    private int maxFiles;

    // The open file; all access under this object's lock.
    private FileChannel channel;
    private LocalDate day;
    private int part;
    private long size;
    /** Lines written since the last successful flush, and those whose force failed (written again by the next). */
    private final List<byte[]> unforced = new ArrayList<>();
    private final List<byte[]> rewrite = new ArrayList<>();

    @Activate
    public CsvCdrSink(CdrConfig config) {
        this(config, Clock.systemDefaultZone());
    }

    CsvCdrSink(CdrConfig config, Clock clock) {
        this.clock = clock;
        configure(config);
    }

    @Modified
    synchronized void modified(CdrConfig config) {
        close();
        configure(config);
    }

    @Deactivate
    synchronized void deactivate() {
        close();
    }

    private synchronized void configure(CdrConfig config) {
        directory = directory(config.csv_directory());
        maxFileSize = Math.max(1, config.csv_max_file_size());
        maxFiles = Math.max(0, config.csv_max_files());
        LOG.info("CDR CSV files in {}: a new file each day and past {} bytes, keeping {}", directory, maxFileSize,
                maxFiles == 0 ? "all" : "the newest " + maxFiles);
        try {
            Files.createDirectories(directory);
            prune();
        } catch (IOException e) {
            LOG.warn("Cannot prepare the CDR folder {}: {}. Records wait in the B2BUA until it is writable.", directory,
                    e.toString());
        }
    }

    /** Empty means {@code ${karaf.data}/plugboard/cdr}, with {@code ./data} when karaf.data is not set (tests, tools). */
    static Path directory(String configured) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.trim());
        }
        return Path.of(System.getProperty("karaf.data", "./data"), "plugboard", "cdr");
    }

    /** Appends the line (in the page cache: a {@code kill -9} no longer loses it); {@link #flush} forces it. */
    @Override
    public synchronized void write(CallDetailRecord record) throws IOException {
        byte[] line = line(values(record));
        try {
            append(line);
            unforced.add(line);
        } catch (IOException e) {
            close(); // reopened on the next attempt, e.g. after someone removed the folder
            throw e;
        }
    }

    /**
     * Forces the lines written since the last flush to the disk (one fdatasync for the lot: group commit). After a
     * failed force the kernel may have dropped those pages, so the next flush writes them again first (a line may then
     * be in the file twice; readers key on call ref and Call-ID).
     */
    @Override
    public synchronized void flush() throws IOException {
        try {
            for (byte[] line : rewrite) {
                append(line);
            }
            if (channel != null) {
                channel.force(false);
            }
            rewrite.clear();
            unforced.clear();
        } catch (IOException e) {
            forceFailed();
            close();
            throw e;
        }
    }

    private void forceFailed() {
        rewrite.addAll(unforced);
        unforced.clear();
    }

    private void append(byte[] line) throws IOException {
        LocalDate today = LocalDate.now(clock);
        if (channel == null || !today.equals(day)) {
            openLatest(today);
        }
        if (size > HEADER_LINE.length && size + line.length > maxFileSize) {
            openPart(today, part + 1);
        }
        writeFully(line);
    }

    /** The file currently appended to, or null before the first record. */
    synchronized Path currentFile() {
        return channel == null ? null : directory.resolve(fileName(day, part));
    }

    static String fileName(LocalDate day, int part) {
        return "cdr-" + day + (part == 0 ? "" : "-" + part) + ".csv";
    }

    /** Continues the highest-numbered file of the day, so a restart appends where it stopped. */
    private void openLatest(LocalDate today) throws IOException {
        int latest = 0;
        if (Files.isDirectory(directory)) {
            for (Path p : list()) {
                Matcher m = FILE.matcher(p.getFileName().toString());
                if (m.matches() && m.group(1).equals(today.toString())) {
                    latest = Math.max(latest, m.group(2) == null ? 0 : Integer.parseInt(m.group(2)));
                }
            }
        }
        openPart(today, latest);
    }

    private void openPart(LocalDate today, int number) throws IOException {
        if (channel != null) {
            try {
                channel.force(false); // the lines not flushed yet, before leaving the file
            } catch (IOException e) {
                forceFailed();
                throw e;
            }
        }
        close();
        Files.createDirectories(directory);
        Path file = directory.resolve(fileName(today, number));
        boolean created = !Files.exists(file);
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        day = today;
        part = number;
        size = channel.size();
        if (size == 0) {
            writeFully(HEADER_LINE);
        } else if (!endsWithNewline(file)) {
            writeFully(new byte[] {'\n'}); // a line cut by a crash stays alone on its line
        }
        channel.force(false);
        if (created) {
            forceDirectory(); // the new file's name on the disk too, or a power cut could lose the whole file
            LOG.info("CDR file {}", file);
            prune();
        }
    }

    private void forceDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            LOG.warn("Cannot force the folder {} to the disk (a power cut could lose a new file): {}", directory, e.toString());
        }
    }

    private boolean endsWithNewline(Path file) throws IOException {
        try (FileChannel read = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            read.read(last, read.size() - 1);
            return last.get(0) == '\n';
        }
    }

    private void writeFully(byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        size += bytes.length;
    }

    /** Deletes the oldest CDR files beyond {@code maxFiles}, never the one being written. */
    private void prune() throws IOException {
        if (maxFiles == 0 || !Files.isDirectory(directory)) {
            return;
        }
        List<Path> files = new ArrayList<>();
        for (Path p : list()) {
            if (FILE.matcher(p.getFileName().toString()).matches()) {
                files.add(p);
            }
        }
        files.sort(Comparator.comparing((Path p) -> day(p)).thenComparingInt(CsvCdrSink::part));
        Path current = currentFile();
        for (int i = 0; i < files.size() - maxFiles; i++) {
            Path old = files.get(i);
            if (!old.equals(current)) {
                Files.deleteIfExists(old);
                LOG.info("Deleted old CDR file {} (csv.max.files = {})", old, maxFiles);
            }
        }
    }

    private List<Path> list() throws IOException {
        try (Stream<Path> s = Files.list(directory)) {
            return s.toList();
        }
    }

    private static String day(Path p) {
        Matcher m = FILE.matcher(p.getFileName().toString());
        return m.matches() ? m.group(1) : "";
    }

    private static int part(Path p) {
        Matcher m = FILE.matcher(p.getFileName().toString());
        return m.matches() && m.group(2) != null ? Integer.parseInt(m.group(2)) : 0;
    }

    private void close() {
        if (channel != null) {
            try {
                if (!unforced.isEmpty()) {
                    channel.force(false); // deactivation between a write and its flush
                }
            } catch (IOException e) {
                forceFailed(); // the next flush writes them again
                LOG.warn("Forcing the CDR file before closing it: {}", e.toString());
            }
            try {
                channel.close();
            } catch (IOException e) {
                LOG.warn("Closing the CDR file: {}", e.toString());
            }
            channel = null;
        }
    }

    static List<Object> values(CallDetailRecord r) {
        return Arrays.asList(r.id(), r.callId(), r.caller(), r.callee(), r.answeredBy(), time(r.start()),
                time(r.ringing()), time(r.answer()), time(r.end()), Records.billableSeconds(r),
                Records.name(r.disposition()), r.sipStatus(), r.q850Cause(), r.reason(), Records.name(r.tag()), r.finalCallee(), r.linkedCall(),
                Records.notes(r.notes()), Records.legs(r.legCallIds(), Integer.MAX_VALUE));
    }

    private static String time(Instant t) {
        return t == null ? null : TIME.format(t);
    }

    static byte[] line(Iterable<?> values) {
        StringBuilder out = new StringBuilder(256);
        try (CSVPrinter printer = new CSVPrinter(out, FORMAT)) {
            printer.printRecord(values);
        } catch (IOException e) {
            throw new IllegalStateException("cannot happen with a StringBuilder", e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
