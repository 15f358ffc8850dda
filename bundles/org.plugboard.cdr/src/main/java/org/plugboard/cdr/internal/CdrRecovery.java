package org.plugboard.cdr.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import javax.sql.DataSource;

/**
 * Inserts into table {@code cdr} every record of the CSV files it lacks, keyed by call ref and Call-ID, so running it
 * again inserts nothing. Table {@code cdr_csv_checked} remembers, per file, how many bytes are known to be in the
 * table, committed with the inserts they cover: a start reads only what was written since the last one.
 */
final class CdrRecovery {
    /** Records per transaction (each commits the inserts and the file's new checked offset together). */
    private static final int CHUNK = 500;

    record Result(int files, int read, int inserted, int skipped) {
    }

    private final DataSource dataSource;
    private final Path directory;
    private final Consumer<String> warn;

    CdrRecovery(DataSource dataSource, Path directory, Consumer<String> warn) {
        this.dataSource = dataSource;
        this.directory = directory;
        this.warn = warn;
    }

    Result run() throws IOException, SQLException {
        int files = 0;
        int read = 0;
        int inserted = 0;
        int skipped = 0;
        for (Path file : files()) {
            String name = file.getFileName().toString();
            try (Connection c = dataSource.getConnection()) {
                long checked = checked(c, name);
                long size = Files.size(file);
                if (checked > size) {
                    checked = 0; // the file was replaced by a shorter one: read it whole
                }
                if (checked == size) {
                    continue;
                }
                files++;
                byte[] data = readFrom(file, checked, size);
                CdrCsvReader.Result r = CdrCsvReader.read(data, 0, name, warn);
                read += r.records().size();
                skipped += r.skipped();
                inserted += insert(c, name, checked, r);
            }
        }
        return new Result(files, read, inserted, skipped);
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(directory)) {
            return s.filter(p -> CsvCdrSink.FILE.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparing(Path::getFileName)).toList();
        }
    }

    private static byte[] readFrom(Path file, long from, long size) throws IOException {
        long length = size - from;
        if (length > Integer.MAX_VALUE - 8) {
            throw new IOException(file + " is too large to recover from (" + size + " bytes)");
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) length);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            while (buffer.hasRemaining() && ch.read(buffer, from + buffer.position()) >= 0) {
                // read on
            }
        }
        return buffer.array();
    }

    /** Inserts what is missing, a chunk per transaction with the file's checked offset; returns the count inserted. */
    private int insert(Connection c, String name, long base, CdrCsvReader.Result r) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        int inserted = 0;
        try {
            List<CdrCsvReader.Read> records = r.records();
            for (int i = 0; i < records.size(); i++) {
                if (JdbcCdrSink.insertIfAbsent(c, records.get(i).record())) {
                    inserted++;
                }
                if ((i + 1) % CHUNK == 0) {
                    setChecked(c, name, base + records.get(i).end());
                    c.commit();
                }
            }
            setChecked(c, name, base + r.consumed());
            c.commit();
            return inserted;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    private static long checked(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT checked_bytes FROM cdr_csv_checked WHERE file_name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private static void setChecked(Connection c, String name, long bytes) throws SQLException {
        try (PreparedStatement up = c.prepareStatement("UPDATE cdr_csv_checked SET checked_bytes = ? WHERE file_name = ?")) {
            up.setLong(1, bytes);
            up.setString(2, name);
            if (up.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement in = c.prepareStatement("INSERT INTO cdr_csv_checked (file_name, checked_bytes) VALUES (?, ?)")) {
            in.setString(1, name);
            in.setLong(2, bytes);
            in.executeUpdate();
        }
    }
}
