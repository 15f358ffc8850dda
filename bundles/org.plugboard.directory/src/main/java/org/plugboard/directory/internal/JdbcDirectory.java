package org.plugboard.directory.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.flywaydb.core.Flyway;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.plugboard.api.directory.DigestAlgorithm;
import org.plugboard.api.directory.Directory;
import org.plugboard.api.directory.DirectoryException;
import org.plugboard.api.directory.Extension;
import org.plugboard.api.directory.ImportResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directory on any JDBC DataSource (H2 by default, PostgreSQL for shared deployments). The schema is
 * migrated by Flyway at activation, in its own history table so other bundles can migrate theirs.
 */
@Component(service = Directory.class, configurationPid = "org.plugboard.directory")
@Designate(ocd = DirectoryConfig.class)
public class JdbcDirectory implements Directory {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcDirectory.class);
    static final Pattern NUMBER = Pattern.compile("\\+?[0-9]{1,20}");
    private static final int MAX_NAME = 128;

    private final DataSource dataSource;
    private final String realm;
    private final int minPasswordLength;

    @Activate
    public JdbcDirectory(@Reference(name = "dataSource") DataSource dataSource, DirectoryConfig config) {
        this.dataSource = dataSource;
        this.realm = config.realm();
        this.minPasswordLength = config.password_min_length();
        migrate(dataSource, getClass().getClassLoader());
        seedOnce(config.seed_csv());
        LOG.info("Directory ready: realm '{}', {} extensions", realm, count());
    }

    static void migrate(DataSource dataSource, ClassLoader loader) {
        Flyway.configure(loader)
                .dataSource(dataSource)
                .locations("classpath:db/migration/directory")
                .table("flyway_directory_history")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }

    /** Imports the seed file into a database that has never been seeded, so deleted demo extensions stay deleted. */
    private void seedOnce(String seedCsv) {
        if (seedCsv == null || seedCsv.isBlank() || meta("seeded") != null) {
            return;
        }
        Path path = Path.of(seedCsv);
        if (Files.isReadable(path)) {
            try (Reader r = Files.newBufferedReader(path)) {
                ImportResult result = importCsv(r);
                LOG.info("Seeded the directory from {}: {} added, {} rejected", path, result.added(), result.rejected().size());
            } catch (IOException e) {
                LOG.warn("Could not read seed file {}: {}", path, e.toString());
                return;
            }
        } else {
            LOG.warn("Seed file {} is not readable; no extensions seeded", path);
        }
        setMeta("seeded", path.toString());
    }

    @Override
    public String realm() {
        return realm;
    }

    @Override
    public Optional<Extension> find(String number) {
        return query("SELECT number, display_name, max_devices FROM extension WHERE number = ?", number).stream().findFirst();
    }

    @Override
    public List<Extension> list() {
        return query("SELECT number, display_name, max_devices FROM extension ORDER BY number", null);
    }

    @Override
    public int count() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM extension");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw storage("count extensions", e);
        }
    }

    @Override
    public Extension add(String number, String displayName, String password) {
        checkNumber(number);
        checkPassword(number, password);
        String name = checkName(displayName, number);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (exists(c, number)) {
                    throw new DirectoryException("Extension " + number + " exists already. Use pbx:ext-password to change its password.");
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO extension (number, display_name, max_devices) VALUES (?, ?, 1)")) {
                    ps.setString(1, number);
                    ps.setString(2, name);
                    ps.executeUpdate();
                }
                writeCredentials(c, number, password);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw storage("add extension " + number, e);
        }
        return new Extension(number, name, 1);
    }

    @Override
    public boolean remove(String number) {
        return update("DELETE FROM extension WHERE number = ?", number) > 0;
    }

    @Override
    public void setPassword(String number, String password) {
        checkPassword(number, password);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                requireExists(c, number);
                writeCredentials(c, number, password);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw storage("set the password of " + number, e);
        }
    }

    @Override
    public void setDisplayName(String number, String displayName) {
        String name = checkName(displayName, number);
        if (update("UPDATE extension SET display_name = ? WHERE number = ?", name, number) == 0) {
            throw noSuch(number);
        }
    }

    @Override
    public void setMaxDevices(String number, int maxDevices) {
        if (maxDevices < 1 || maxDevices > 100) {
            throw new DirectoryException("Device limit " + maxDevices + " is out of range: give 1 (single device) to 100.");
        }
        if (update("UPDATE extension SET max_devices = ? WHERE number = ?", maxDevices, number) == 0) {
            throw noSuch(number);
        }
    }

    @Override
    public Optional<String> ha1(String number, DigestAlgorithm algorithm) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT ha1 FROM credential WHERE number = ? AND realm = ? AND algorithm = ?")) {
            ps.setString(1, number);
            ps.setString(2, realm);
            ps.setString(3, algorithm.sipName());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw storage("read credentials of " + number, e);
        }
    }

    @Override
    public ImportResult importCsv(Reader csv) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(';').setCommentMarker('#')
                .setIgnoreEmptyLines(true).setTrim(true).build();
        int added = 0;
        int updated = 0;
        List<String> rejected = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); CSVParser parser = format.parse(csv)) {
            c.setAutoCommit(false);
            Map<String, Boolean> existing = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT number FROM extension"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    existing.put(rs.getString(1), Boolean.TRUE);
                }
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO extension (number, display_name, max_devices) VALUES (?, ?, 1)");
                    PreparedStatement rename = c.prepareStatement("UPDATE extension SET display_name = ? WHERE number = ?");
                    PreparedStatement dropCred = c.prepareStatement("DELETE FROM credential WHERE number = ? AND realm = ?");
                    PreparedStatement cred = c.prepareStatement(
                            "INSERT INTO credential (number, realm, algorithm, ha1) VALUES (?, ?, ?, ?)")) {
                Map<String, Long> seenAt = new HashMap<>();
                for (CSVRecord rec : parser) {
                    long line = parser.getCurrentLineNumber(); // the file's line, comments included
                    try {
                        if (rec.size() < 2) {
                            throw new DirectoryException("expected number;password;name");
                        }
                        String number = rec.get(0);
                        String password = rec.get(1);
                        checkNumber(number);
                        checkPassword(number, password);
                        String name = checkName(rec.size() > 2 ? rec.get(2) : "", number);
                        Long earlier = seenAt.putIfAbsent(number, line);
                        if (earlier != null) {
                            throw new DirectoryException("extension " + number + " is already on line " + earlier);
                        }
                        if (existing.containsKey(number)) {
                            rename.setString(1, name);
                            rename.setString(2, number);
                            rename.addBatch();
                            dropCred.setString(1, number);
                            dropCred.setString(2, realm);
                            dropCred.addBatch();
                            updated++;
                        } else {
                            insert.setString(1, number);
                            insert.setString(2, name);
                            insert.addBatch();
                            added++;
                        }
                        for (DigestAlgorithm a : DigestAlgorithm.values()) {
                            cred.setString(1, number);
                            cred.setString(2, realm);
                            cred.setString(3, a.sipName());
                            cred.setString(4, Ha1.of(a, number, realm, password));
                            cred.addBatch();
                        }
                    } catch (DirectoryException e) {
                        rejected.add("line " + line + ": " + e.getMessage());
                    }
                }
                insert.executeBatch();
                rename.executeBatch();
                dropCred.executeBatch();
                cred.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new DirectoryException("Cannot read the CSV: " + e.getMessage(), e);
        } catch (SQLException e) {
            throw storage("import extensions", e);
        }
        return new ImportResult(added, updated, List.copyOf(rejected));
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    private void writeCredentials(Connection c, String number, String password) throws SQLException {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM credential WHERE number = ? AND realm = ?")) {
            del.setString(1, number);
            del.setString(2, realm);
            del.executeUpdate();
        }
        try (PreparedStatement ins = c.prepareStatement(
                "INSERT INTO credential (number, realm, algorithm, ha1) VALUES (?, ?, ?, ?)")) {
            for (DigestAlgorithm a : DigestAlgorithm.values()) {
                ins.setString(1, number);
                ins.setString(2, realm);
                ins.setString(3, a.sipName());
                ins.setString(4, Ha1.of(a, number, realm, password));
                ins.addBatch();
            }
            ins.executeBatch();
        }
    }

    static void checkNumber(String number) {
        if (number == null || !NUMBER.matcher(number).matches()) {
            throw new DirectoryException("'" + number + "' is not a valid extension number: use 1 to 20 digits, optionally after a +.");
        }
    }

    private void checkPassword(String number, String password) {
        if (password == null || password.length() < minPasswordLength) {
            throw new DirectoryException("The password of " + number + " is too short: use at least " + minPasswordLength + " characters.");
        }
        if (password.equals(number)) {
            throw new DirectoryException("The password of " + number + " must not be the extension number itself.");
        }
    }

    private static String checkName(String displayName, String number) {
        String name = displayName == null || displayName.isBlank() ? number : displayName.trim();
        if (name.length() > MAX_NAME || name.chars().anyMatch(ch -> ch < 0x20 || ch == '"')) {
            throw new DirectoryException("The name of " + number + " must be at most " + MAX_NAME
                    + " characters without quotes or control characters.");
        }
        return name;
    }

    private static boolean exists(Connection c, String number) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM extension WHERE number = ?")) {
            ps.setString(1, number);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void requireExists(Connection c, String number) throws SQLException {
        if (!exists(c, number)) {
            throw noSuch(number);
        }
    }

    private static DirectoryException noSuch(String number) {
        return new DirectoryException("No extension " + number + ". List them with pbx:ext-list.");
    }

    private static DirectoryException storage(String what, SQLException e) {
        return new DirectoryException("Could not " + what + ": database error " + e.getMessage(), e);
    }

    private List<Extension> query(String sql, String arg) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (arg != null) {
                ps.setString(1, arg);
            }
            List<Extension> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Extension(rs.getString(1), rs.getString(2), rs.getInt(3)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw storage("read extensions", e);
        }
    }

    private int update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw storage("update extensions", e);
        }
    }

    private String meta(String name) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT meta_value FROM directory_meta WHERE meta_key = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw storage("read directory metadata", e);
        }
    }

    private void setMeta(String name, String value) {
        update("INSERT INTO directory_meta (meta_key, meta_value) VALUES (?, ?)", name, value);
    }
}
