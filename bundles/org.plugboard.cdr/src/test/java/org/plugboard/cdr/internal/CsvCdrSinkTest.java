package org.plugboard.cdr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plugboard.api.cdr.CallDetailRecord;

class CsvCdrSinkTest {
    @TempDir
    Path dir;

    /** A clock the test moves forward, in the PBX's local zone. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-11-23T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.ofHours(1);
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final TestClock clock = new TestClock();

    private CsvCdrSink sink(long maxSize, int maxFiles) {
        return new CsvCdrSink(TestConfig.csv(dir, maxSize, maxFiles), clock);
    }

    private static List<CSVRecord> parse(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser p = CSVFormat.DEFAULT.parse(r)) {
            return p.getRecords();
        }
    }

    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static CallDetailRecord record(int i) {
        return Cdrs.answered("r" + i, "1001", "1002", Cdrs.T0.plusSeconds(i), 30);
    }

    @Test
    void notesAreWrittenAndReadBack() throws Exception {
        CallDetailRecord a = record(7);
        CallDetailRecord noted = new CallDetailRecord(a.callId(), a.id(), a.caller(), a.callee(), a.answeredBy(), a.start(), a.ringing(),
                a.answer(), a.end(), a.disposition(), 200, 16, a.reason(), a.tag(), a.finalCallee(), null,
                List.of("recorded: /rec/r7.wav", "recording failed: disk full"));
        sink(10 << 20, 90).write(noted);
        List<String> lines = java.nio.file.Files.readAllLines(dir.resolve("cdr-2026-11-23.csv"));
        assertEquals(noted, CdrCsvReader.parse(lines.get(1)));
    }

    @Test
    void oneHeaderThenOneLinePerRecordEachOnDiskWhenWriteReturns() throws Exception {
        CsvCdrSink sink = sink(10 << 20, 90);
        Path file = dir.resolve("cdr-2026-11-23.csv");
        for (int i = 1; i <= 3; i++) {
            sink.write(record(i));
            // read back through a fresh reader, no help from the writer: the line is already in the file
            List<CSVRecord> rows = parse(file);
            assertEquals(i + 1, rows.size());
            assertEquals("r" + i, rows.get(i).get(0));
        }
        List<CSVRecord> rows = parse(file);
        assertEquals(List.of(CsvCdrSink.HEADER), rows.get(0).toList());
        CSVRecord r = rows.get(1);
        assertEquals(CsvCdrSink.HEADER.length, r.size());
        assertEquals(List.of("r1", "call-r1@127.0.0.5", "1001", "1002", "1002-desk", "2026-11-23T09:00:01.250Z",
                "2026-11-23T09:00:01.550Z", "2026-11-23T09:00:05.250Z", "2026-11-23T09:00:35.250Z", "30", "ANSWERED",
                "200", "16", "Normal call clearing", "CALLER_BYE", "1002", "", "", ""), r.toList());
        assertEquals(4, Files.readAllLines(file).size(), "one physical line per record");
    }

    @Test
    void quotesCommasQuotesAndNewlinesAndLeavesMissingFieldsEmpty() throws Exception {
        CsvCdrSink sink = sink(10 << 20, 90);
        sink.write(new CallDetailRecord("x@y", "q1", "\"Boss\", 1001", "1002", null, Cdrs.T0, null, null,
                Cdrs.T0.plusSeconds(1), null, 487, 0, "line one\nline two", null));
        CSVRecord r = parse(sink.currentFile()).get(1);
        assertEquals("\"Boss\", 1001", r.get(2));
        assertEquals("", r.get(4));
        assertEquals("", r.get(6));
        assertEquals("0", r.get(9));
        assertEquals("line one\nline two", r.get(13));
    }

    @Test
    void restartAppendsToTheSameFileWithoutASecondHeader() throws Exception {
        sink(10 << 20, 90).write(record(1));
        CsvCdrSink restarted = sink(10 << 20, 90);
        restarted.write(record(2));
        List<CSVRecord> rows = parse(dir.resolve("cdr-2026-11-23.csv"));
        assertEquals(3, rows.size());
        assertEquals("call_ref", rows.get(0).get(0));
        assertEquals("r2", rows.get(2).get(0));
    }

    @Test
    void aLineCutByACrashIsClosedBeforeTheNextRecord() throws Exception {
        Path file = dir.resolve("cdr-2026-11-23.csv");
        Files.writeString(file, String.join(",", CsvCdrSink.HEADER) + "\nr0,call-r0,10");
        sink(10 << 20, 90).write(record(1));
        List<String> lines = Files.readAllLines(file);
        assertEquals("r0,call-r0,10", lines.get(1));
        assertTrue(lines.get(2).startsWith("r1,"), lines.toString());
    }

    @Test
    void newFileEachLocalDay() throws Exception {
        CsvCdrSink sink = sink(10 << 20, 90);
        clock.now = Instant.parse("2026-11-23T22:59:59Z"); // 23:59:59 at +01:00
        sink.write(record(1));
        clock.now = Instant.parse("2026-11-23T23:00:00Z"); // midnight local
        sink.write(record(2));
        assertEquals(List.of("cdr-2026-11-23.csv", "cdr-2026-11-24.csv"), files());
        assertEquals("r2", parse(dir.resolve("cdr-2026-11-24.csv")).get(1).get(0));
    }

    @Test
    void rotatesBySizeIntoNumberedFilesEachWithAHeader() throws Exception {
        long max = CsvCdrSink.HEADER_LINE.length + 2L * CsvCdrSink.line(CsvCdrSink.values(record(1))).length;
        CsvCdrSink sink = sink(max, 90); // the header and exactly 2 records fit, not 3
        for (int i = 1; i <= 5; i++) {
            sink.write(record(i));
        }
        assertEquals(List.of("cdr-2026-11-23-1.csv", "cdr-2026-11-23-2.csv", "cdr-2026-11-23.csv"), files());
        assertEquals(3, parse(dir.resolve("cdr-2026-11-23.csv")).size());
        assertEquals(3, parse(dir.resolve("cdr-2026-11-23-1.csv")).size());
        List<CSVRecord> last = parse(dir.resolve("cdr-2026-11-23-2.csv"));
        assertEquals("call_ref", last.get(0).get(0));
        assertEquals("r5", last.get(1).get(0));
        for (String f : files()) {
            assertTrue(Files.size(dir.resolve(f)) <= max, f);
        }
        // a restart continues the highest-numbered file of the day
        sink(max, 90).write(record(6));
        assertEquals(3, parse(dir.resolve("cdr-2026-11-23-2.csv")).size());
    }

    @Test
    void aRecordLargerThanTheLimitStillGetsWritten() throws Exception {
        CsvCdrSink sink = sink(10, 90);
        sink.write(record(1));
        sink.write(record(2));
        assertEquals(List.of("cdr-2026-11-23-1.csv", "cdr-2026-11-23.csv"), files());
        assertEquals(2, parse(dir.resolve("cdr-2026-11-23.csv")).size());
    }

    @Test
    void keepsOnlyMaxFilesDeletingTheOldest() throws Exception {
        Files.writeString(dir.resolve("cdr-2026-11-20.csv"), "old\n");
        Files.writeString(dir.resolve("cdr-2026-11-21.csv"), "old\n");
        Files.writeString(dir.resolve("cdr-2026-11-21-1.csv"), "old\n");
        Files.writeString(dir.resolve("notes.txt"), "not a CDR file\n");
        CsvCdrSink sink = sink(10, 3); // prunes at activation: 3 files left
        assertEquals(List.of("cdr-2026-11-20.csv", "cdr-2026-11-21-1.csv", "cdr-2026-11-21.csv", "notes.txt"), files());
        sink.write(record(1)); // opens cdr-2026-11-23.csv: the 20th goes
        assertEquals(List.of("cdr-2026-11-21-1.csv", "cdr-2026-11-21.csv", "cdr-2026-11-23.csv", "notes.txt"), files());
        sink.write(record(2)); // size rotation: -1 of the 23rd, the 21st goes (before its -1)
        assertEquals(List.of("cdr-2026-11-21-1.csv", "cdr-2026-11-23-1.csv", "cdr-2026-11-23.csv", "notes.txt"), files());
    }

    @Test
    void maxFilesZeroKeepsAll() throws Exception {
        CsvCdrSink sink = sink(10, 0);
        for (int i = 1; i <= 5; i++) {
            sink.write(record(i));
        }
        assertEquals(5, files().size());
    }

    @Test
    void reconfigurationMovesToTheNewFolder() throws Exception {
        CsvCdrSink sink = sink(10 << 20, 90);
        sink.write(record(1));
        Path other = dir.resolve("elsewhere");
        sink.modified(TestConfig.csv(other, 10 << 20, 90));
        sink.write(record(2));
        assertEquals(2, parse(other.resolve("cdr-2026-11-23.csv")).size());
        assertEquals(2, parse(dir.resolve("cdr-2026-11-23.csv")).size());
    }

    @Test
    void aRemovedFolderIsRecreatedOnTheNextWrite() throws Exception {
        CsvCdrSink sink = sink(10 << 20, 90);
        sink.write(record(1));
        sink.deactivate();
        Files.delete(dir.resolve("cdr-2026-11-23.csv"));
        CsvCdrSink again = sink(10 << 20, 90);
        again.write(record(2));
        assertEquals(2, parse(dir.resolve("cdr-2026-11-23.csv")).size());
    }

    @Test
    void defaultFolderIsUnderKarafData() {
        String old = System.getProperty("karaf.data");
        try {
            System.setProperty("karaf.data", "/opt/pbx/data");
            assertEquals(Path.of("/opt/pbx/data/plugboard/cdr"), CsvCdrSink.directory(""));
            assertEquals(Path.of("/var/cdr"), CsvCdrSink.directory(" /var/cdr "));
            System.clearProperty("karaf.data");
            assertEquals(Path.of("./data/plugboard/cdr"), CsvCdrSink.directory(null));
        } finally {
            if (old != null) {
                System.setProperty("karaf.data", old);
            }
        }
        assertFalse(CsvCdrSink.FILE.matcher("cdr-2026-11-23.csv.gz").matches());
    }
}
