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
 * Each line is written to the file (the kernel's page cache) before {@link #write} returns, so {@code kill -9} of
 * the PBX loses no record the B2BUA was told is stored; the file is forced to the disk at most once a second, so a
 * power cut loses at most the last second of records. (Forcing every line cost 10-20 ms each: the CDR writer then
 * fell behind at about 60 calls/s.) Enabled by {@link SinkSwitch} when {@code csv.enabled} is true.
 */
@Component(service = CdrSink.class, immediate = true, configurationPid = CdrConfig.PID, enabled = false,
        property = CdrSink.DURABLE + ":Boolean=true")
public class CsvCdrSink implements CdrSink {
    private static final Logger LOG = LoggerFactory.getLogger(CsvCdrSink.class);
    private static final long FORCE_INTERVAL_NANOS = 1_000_000_000L;
    private long lastForce;
    static final String[] HEADER = {"call_ref", "call_id", "caller", "callee", "answered_by", "start_time",
        "ringing_time", "answer_time", "end_time", "billable_seconds", "disposition", "sip_status", "q850_cause",
        "reason", "tag"};
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

    @Override
    public synchronized void write(CallDetailRecord record) throws IOException {
        byte[] line = line(values(record));
        try {
            LocalDate today = LocalDate.now(clock);
            if (channel == null || !today.equals(day)) {
                openLatest(today);
            }
            if (size > HEADER_LINE.length && size + line.length > maxFileSize) {
                openPart(today, part + 1);
            }
            writeFully(line);
            long now = System.nanoTime();
            if (now - lastForce >= FORCE_INTERVAL_NANOS) {
                channel.force(false);
                lastForce = now;
            }
        } catch (IOException e) {
            close(); // reopened on the next attempt, e.g. after someone removed the folder
            throw e;
        }
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
            LOG.info("CDR file {}", file);
            prune();
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
                channel.force(false); // what the once-a-second force has not covered yet
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
                Records.name(r.disposition()), r.sipStatus(), r.q850Cause(), r.reason(), Records.name(r.tag()));
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
