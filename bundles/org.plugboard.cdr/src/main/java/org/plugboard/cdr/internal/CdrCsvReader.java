package org.plugboard.cdr.internal;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.calls.Disposition;
import org.plugboard.api.cdr.CallDetailRecord;

/**
 * Reads back what {@link CsvCdrSink} wrote: the records of a file from a byte offset, each with the offset just past
 * it. A record that does not parse (a line cut by a crash, later closed by the sink's newline) is skipped with a
 * warning and reading goes on at the next line; an unterminated record at the end (a write cut by a crash, not
 * closed yet) is left out and ends the read before it.
 */
final class CdrCsvReader {
    /** A record and the offset just past its line end. */
    record Read(CallDetailRecord record, int end) {
    }

    /** The records read, how many lines were skipped, and where reading stopped (before an incomplete last line). */
    record Result(List<Read> records, int skipped, int consumed) {
    }

    private CdrCsvReader() {
    }

    /** The records of {@code data} from {@code from}; {@code warn} gets one message per skipped line. */
    static Result read(byte[] data, int from, String file, Consumer<String> warn) {
        List<Read> out = new ArrayList<>();
        int skipped = 0;
        int pos = from;
        while (pos < data.length) {
            int end = recordEnd(data, pos);
            int firstLineEnd = indexOf(data, (byte) '\n', pos);
            if (end < 0 && firstLineEnd < 0) {
                warn.accept("CDR file " + file + ": incomplete last line at byte " + pos + " (a write cut by a crash, or one in progress): "
                        + "skipped, " + (data.length - pos) + " bytes");
                break;
            }
            if (end >= 0) {
                String text = new String(data, pos, end - pos, StandardCharsets.UTF_8);
                CallDetailRecord r = parse(text);
                if (r != null) {
                    out.add(new Read(r, end + 1));
                    pos = end + 1;
                    continue;
                }
                if (isHeader(text)) {
                    pos = end + 1;
                    continue;
                }
            }
            // not a record: skip one physical line and read on from the next (a torn line was closed by a newline)
            warn.accept("CDR file " + file + ": unreadable line at byte " + pos + " skipped (cut by a crash?): "
                    + preview(new String(data, pos, firstLineEnd - pos, StandardCharsets.UTF_8)));
            skipped++;
            pos = firstLineEnd + 1;
        }
        return new Result(out, skipped, pos);
    }

    /** Index of the newline that ends the record starting at {@code pos} (outside quotes), or -1. */
    private static int recordEnd(byte[] data, int pos) {
        boolean quoted = false;
        for (int i = pos; i < data.length; i++) {
            if (data[i] == '"') {
                quoted = !quoted;
            } else if (data[i] == '\n' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOf(byte[] data, byte b, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isHeader(String text) {
        for (int columns : CsvCdrSink.KNOWN_COLUMNS) {
            if (text.equals(String.join(",", java.util.Arrays.asList(CsvCdrSink.HEADER).subList(0, columns)))) {
                return true; // also the headers of files written before a column was added
            }
        }
        return false;
    }

    private static String preview(String line) {
        return line.length() <= 80 ? line : line.substring(0, 80) + "...";
    }

    /** The record on one CSV line, or null when it is not a complete, well-formed one. */
    static CallDetailRecord parse(String text) {
        List<CSVRecord> rows;
        try (CSVParser p = CsvCdrSink.FORMAT.parse(new StringReader(text))) {
            rows = p.getRecords();
        } catch (IOException | RuntimeException e) {
            return null;
        }
        int columns = rows.size() == 1 ? rows.get(0).size() : 0;
        if (java.util.Arrays.stream(CsvCdrSink.KNOWN_COLUMNS).noneMatch(n -> n == columns) || isHeader(text)) {
            return null;
        }
        CSVRecord f = rows.get(0);
        try {
            Long.parseLong(f.get(9)); // billable seconds: derived from the times, checked as a sign of a whole line
            return new CallDetailRecord(text(f.get(1)), text(f.get(0)), text(f.get(2)), text(f.get(3)), text(f.get(4)),
                    time(f.get(5)), time(f.get(6)), time(f.get(7)), time(f.get(8)),
                    Records.parse(Disposition.class, text(f.get(10))), Integer.parseInt(f.get(11)),
                    Integer.parseInt(f.get(12)), text(f.get(13)), Records.parse(CallTag.class, text(f.get(14))),
                    columns > CsvCdrSink.OLD_COLUMNS ? text(f.get(15)) : text(f.get(3)),
                    columns > CsvCdrSink.COLUMNS_BEFORE_LINK ? text(f.get(16)) : null,
                    columns > CsvCdrSink.COLUMNS_BEFORE_NOTES ? Records.notes(text(f.get(17))) : java.util.List.of(),
                    columns > CsvCdrSink.COLUMNS_BEFORE_LEGS ? Records.legs(text(f.get(18))) : java.util.List.of());
        } catch (NumberFormatException | DateTimeParseException e) {
            return null;
        }
    }

    /** The CSV cannot tell an empty value from a missing one: both read as null (the database stores them so too). */
    private static String text(String s) {
        return s.isEmpty() ? null : s;
    }

    private static Instant time(String s) {
        return s.isEmpty() ? null : Instant.parse(s);
    }
}
