package org.plugboard.screening.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.plugboard.settingsdb.BundleSchema;
import org.plugboard.settingsdb.Transactions;

/**
 * The lists in the database (tables {@code screening_entry} and {@code screening_anonymous}, migrated by Flyway from
 * {@code db/migration/screening}). Blocking: used at activation and by console writes, never on a call's strand.
 */
final class ScreeningStore {
    private final DataSource dataSource;
    private final Transactions tx;

    ScreeningStore(DataSource dataSource) {
        this.dataSource = dataSource;
        this.tx = new Transactions(dataSource);
    }

    void migrate(ClassLoader loader) {
        BundleSchema.migrate(dataSource, loader, "screening");
    }

    /** Every entry and every extension that refuses anonymous calls, read in one transaction. */
    ScreeningState load() {
        return tx.inTransaction("load the screening lists", c -> {
            List<Entry> entries = new ArrayList<>();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT id, list_owner, list_kind, caller_prefix, called_prefix, rate_percent"
                            + " FROM screening_entry")) {
                while (rs.next()) {
                    entries.add(new Entry(rs.getLong(1), rs.getString(2), ListKind.valueOf(rs.getString(3)), rs.getString(4),
                            rs.getString(5), rs.getInt(6)));
                }
            }
            List<String> anonymous = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT extension FROM screening_anonymous")) {
                while (rs.next()) {
                    anonymous.add(rs.getString(1));
                }
            }
            return ScreeningState.of(entries, anonymous);
        });
    }

    /** Inserts the entry and returns it with its new id. */
    Entry insert(String owner, ListKind kind, String caller, String called, int rate) {
        return tx.inTransaction("add the entry to " + owner + "'s " + kind.label() + " list", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO screening_entry (list_owner, list_kind, caller_prefix,"
                    + " called_prefix, rate_percent) VALUES (?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, owner);
                ps.setString(2, kind.name());
                ps.setString(3, caller);
                ps.setString(4, called);
                ps.setInt(5, rate);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    if (!keys.next()) {
                        throw new SQLException("the database returned no id for the new entry");
                    }
                    return new Entry(keys.getLong(1), owner, kind, caller, called, rate);
                }
            }
        });
    }

    /** A new entry before it has an id. */
    record NewEntry(ListKind kind, String caller, String called, int rate) {
    }

    /**
     * Replaces an extension's personal list and anonymous switch in one transaction (all or nothing); returns the
     * entries with their new ids.
     */
    List<Entry> replace(String extension, List<NewEntry> entries, boolean refuseAnonymous) {
        return tx.inTransaction("replace " + extension + "'s screening list", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM screening_entry WHERE list_owner = ?")) {
                ps.setString(1, extension);
                ps.executeUpdate();
            }
            List<Entry> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO screening_entry (list_owner, list_kind, caller_prefix,"
                    + " called_prefix, rate_percent) VALUES (?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                for (NewEntry e : entries) {
                    ps.setString(1, extension);
                    ps.setString(2, e.kind().name());
                    ps.setString(3, e.caller());
                    ps.setString(4, e.called());
                    ps.setInt(5, e.rate());
                    ps.executeUpdate();
                    try (ResultSet keys = ps.getGeneratedKeys()) {
                        if (!keys.next()) {
                            throw new SQLException("the database returned no id for a new entry");
                        }
                        out.add(new Entry(keys.getLong(1), extension, e.kind(), e.caller(), e.called(), e.rate()));
                    }
                }
            }
            delete(c, extension);
            if (refuseAnonymous) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO screening_anonymous (extension) VALUES (?)")) {
                    ps.setString(1, extension);
                    ps.executeUpdate();
                }
            }
            return out;
        });
    }

    /** True when the row was there. */
    boolean delete(long id) {
        return tx.inTransaction("remove entry #" + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM screening_entry WHERE id = ?")) {
                ps.setLong(1, id);
                return ps.executeUpdate() > 0;
            }
        });
    }

    void setAnonymous(String extension, boolean refuse) {
        tx.inTransaction("set anonymous call rejection of " + extension, c -> {
            delete(c, extension);
            if (refuse) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO screening_anonymous (extension) VALUES (?)")) {
                    ps.setString(1, extension);
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    private static void delete(Connection c, String extension) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM screening_anonymous WHERE extension = ?")) {
            ps.setString(1, extension);
            ps.executeUpdate();
        }
    }
}
