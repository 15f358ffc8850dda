package org.plugboard.directory.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.plugboard.api.directory.DigestAlgorithm;
import org.plugboard.api.directory.DirectoryException;
import org.plugboard.api.directory.Extension;
import org.plugboard.directory.internal.DirectoryView.Entry;
import org.plugboard.settingsdb.BundleSchema;

/**
 * The directory's SQL: portable statements for H2 and PostgreSQL. Every write runs in one transaction and
 * reads back, before it commits, what the view must show afterwards; nothing here touches the view.
 */
final class DirectoryStore {
    private final DataSource dataSource;
    private final String realm;

    DirectoryStore(DataSource dataSource, String realm) {
        this.dataSource = dataSource;
        this.realm = realm;
    }

    /** Migrates the schema in its own history table, so other bundles can migrate theirs in the same database. */
    void migrate(ClassLoader loader) {
        BundleSchema.migrate(dataSource, loader, "directory");
    }

    /** Every extension with its HA1s for this realm. */
    List<Entry> loadAll() {
        try (Connection c = dataSource.getConnection()) {
            return loadAll(c);
        } catch (SQLException e) {
            throw storage("load the extensions", e);
        }
    }

    /** Inserts a new extension. @return what the view must show for it */
    Entry insert(Extension ext, Map<DigestAlgorithm, String> ha1) {
        return inTransaction("add extension " + ext.number(), c -> {
            if (exists(c, ext.number())) {
                throw new DirectoryException("Extension " + ext.number() + " exists already. Use pbx:ext-password to change its password.");
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO extension (number, display_name, max_devices) VALUES (?, ?, ?)")) {
                ps.setString(1, ext.number());
                ps.setString(2, ext.displayName());
                ps.setInt(3, ext.maxDevices());
                ps.executeUpdate();
            }
            writeCredentials(c, ext.number(), ha1);
            return readBack(c, ext.number());
        });
    }

    Entry setCredentials(String number, Map<DigestAlgorithm, String> ha1) {
        return inTransaction("set the password of " + number, c -> {
            if (!exists(c, number)) {
                throw noSuch(number);
            }
            writeCredentials(c, number, ha1);
            return readBack(c, number);
        });
    }

    Entry setDisplayName(String number, String name) {
        return updateOne(number, "UPDATE extension SET display_name = ? WHERE number = ?", name);
    }

    Entry setMaxDevices(String number, int maxDevices) {
        return updateOne(number, "UPDATE extension SET max_devices = ? WHERE number = ?", maxDevices);
    }

    /** @return false if there was no such extension (its credentials go with it: ON DELETE CASCADE) */
    boolean delete(String number) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM extension WHERE number = ?")) {
            ps.setString(1, number);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw storage("remove extension " + number, e);
        }
    }

    /** The outcome of an import: how many rows replaced an existing extension, and the whole directory after it. */
    record Imported(int updated, List<Entry> all) {
    }

    /** Writes valid import rows: new numbers are inserted, existing ones get the new name and credentials. */
    Imported importRows(List<CsvImport.Row> rows) {
        return inTransaction("import extensions", c -> {
            Set<String> existing = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT number FROM extension"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    existing.add(rs.getString(1));
                }
            }
            int updated = 0;
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO extension (number, display_name, max_devices) VALUES (?, ?, 1)");
                    PreparedStatement rename = c.prepareStatement("UPDATE extension SET display_name = ? WHERE number = ?");
                    PreparedStatement dropCred = c.prepareStatement("DELETE FROM credential WHERE number = ? AND realm = ?");
                    PreparedStatement cred = c.prepareStatement(
                            "INSERT INTO credential (number, realm, algorithm, ha1) VALUES (?, ?, ?, ?)")) {
                for (CsvImport.Row row : rows) {
                    if (existing.contains(row.number())) {
                        rename.setString(1, row.name());
                        rename.setString(2, row.number());
                        rename.addBatch();
                        dropCred.setString(1, row.number());
                        dropCred.setString(2, realm);
                        dropCred.addBatch();
                        updated++;
                    } else {
                        insert.setString(1, row.number());
                        insert.setString(2, row.name());
                        insert.addBatch();
                    }
                    for (Map.Entry<DigestAlgorithm, String> h : row.ha1().entrySet()) {
                        cred.setString(1, row.number());
                        cred.setString(2, realm);
                        cred.setString(3, h.getKey().sipName());
                        cred.setString(4, h.getValue());
                        cred.addBatch();
                    }
                }
                insert.executeBatch();
                rename.executeBatch();
                dropCred.executeBatch();
                cred.executeBatch();
            }
            return new Imported(updated, loadAll(c));
        });
    }

    String meta(String key) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT meta_value FROM directory_meta WHERE meta_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw storage("read directory metadata", e);
        }
    }

    void setMeta(String key, String value) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO directory_meta (meta_key, meta_value) VALUES (?, ?)")) {
            ps.setString(1, key);
            ps.setString(2, value);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw storage("write directory metadata", e);
        }
    }

    static DirectoryException noSuch(String number) {
        return new DirectoryException("No extension " + number + ". List them with pbx:ext-list.");
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs work in one transaction: committed if it returns, rolled back if it throws. */
    private <T> T inTransaction(String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw storage(what, e);
        }
    }

    private Entry updateOne(String number, String sql, Object value) {
        return inTransaction("update extension " + number, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setObject(1, value);
                ps.setString(2, number);
                if (ps.executeUpdate() == 0) {
                    throw noSuch(number);
                }
            }
            return readBack(c, number);
        });
    }

    private void writeCredentials(Connection c, String number, Map<DigestAlgorithm, String> ha1) throws SQLException {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM credential WHERE number = ? AND realm = ?")) {
            del.setString(1, number);
            del.setString(2, realm);
            del.executeUpdate();
        }
        try (PreparedStatement ins = c.prepareStatement(
                "INSERT INTO credential (number, realm, algorithm, ha1) VALUES (?, ?, ?, ?)")) {
            for (Map.Entry<DigestAlgorithm, String> h : ha1.entrySet()) {
                ins.setString(1, number);
                ins.setString(2, realm);
                ins.setString(3, h.getKey().sipName());
                ins.setString(4, h.getValue());
                ins.addBatch();
            }
            ins.executeBatch();
        }
    }

    private static boolean exists(Connection c, String number) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM extension WHERE number = ?")) {
            ps.setString(1, number);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** One extension as this transaction sees it, so the view gets exactly what is committed. */
    private Entry readBack(Connection c, String number) throws SQLException {
        List<Entry> one = load(c, " WHERE number = ?", number);
        if (one.isEmpty()) {
            throw noSuch(number);
        }
        return one.get(0);
    }

    private List<Entry> loadAll(Connection c) throws SQLException {
        return load(c, "", null);
    }

    private List<Entry> load(Connection c, String where, String number) throws SQLException {
        Map<String, Map<DigestAlgorithm, String>> ha1 = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT number, algorithm, ha1 FROM credential" + (where.isEmpty() ? " WHERE" : where + " AND") + " realm = ?")) {
            int i = 1;
            if (number != null) {
                ps.setString(i++, number);
            }
            ps.setString(i, realm);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    DigestAlgorithm a = DigestAlgorithm.fromSip(rs.getString(2));
                    if (a != null) { // a row for an algorithm this version does not know: ignore it
                        ha1.computeIfAbsent(rs.getString(1), n -> new EnumMap<>(DigestAlgorithm.class)).put(a, rs.getString(3));
                    }
                }
            }
        }
        List<Entry> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT number, display_name, max_devices FROM extension" + where)) {
            if (number != null) {
                ps.setString(1, number);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Extension e = new Extension(rs.getString(1), rs.getString(2), rs.getInt(3));
                    out.add(new Entry(e, ha1.getOrDefault(e.number(), Map.of())));
                }
            }
        }
        return out;
    }

    private static DirectoryException storage(String what, SQLException e) {
        return new DirectoryException("Could not " + what + ": database error " + e.getMessage(), e);
    }
}
