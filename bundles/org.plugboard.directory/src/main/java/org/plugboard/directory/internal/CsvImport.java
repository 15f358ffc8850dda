package org.plugboard.directory.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.plugboard.api.directory.DigestAlgorithm;
import org.plugboard.api.directory.DirectoryException;

/** Parses and checks an import file ({@code number;password;name}, {@code #} comments) before anything is written. */
final class CsvImport {
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setDelimiter(';').setCommentMarker('#')
            .setIgnoreEmptyLines(true).setTrim(true).build();

    /** A valid line, its password already turned into HA1s. */
    record Row(String number, String name, Map<DigestAlgorithm, String> ha1) {
    }

    /** The valid rows in file order, and one message per rejected line ("line N: why"). */
    record Parsed(List<Row> rows, List<String> rejected) {
    }

    private CsvImport() {
    }

    static Parsed parse(Reader csv, ExtensionRules rules) {
        List<Row> rows = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        try (CSVParser parser = FORMAT.parse(csv)) {
            Map<String, Long> seenAt = new HashMap<>();
            for (CSVRecord rec : parser) {
                long line = parser.getCurrentLineNumber(); // the file's line, comments included
                try {
                    if (rec.size() < 2) {
                        throw new DirectoryException("expected number;password;name");
                    }
                    String number = rec.get(0);
                    String password = rec.get(1);
                    ExtensionRules.checkNumber(number);
                    rules.checkPassword(number, password);
                    String name = ExtensionRules.checkName(rec.size() > 2 ? rec.get(2) : "", number);
                    Long earlier = seenAt.putIfAbsent(number, line);
                    if (earlier != null) {
                        throw new DirectoryException("extension " + number + " is already on line " + earlier);
                    }
                    rows.add(new Row(number, name, rules.ha1(number, password)));
                } catch (DirectoryException e) {
                    rejected.add("line " + line + ": " + e.getMessage());
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new DirectoryException("Cannot read the CSV: " + e.getMessage(), e);
        }
        return new Parsed(rows, List.copyOf(rejected));
    }
}
