package org.plugboard.conference.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.plugboard.settingsdb.BundleSchema;
import org.plugboard.settingsdb.Transactions;

/** The rooms table ({@code conf_room}, schema {@code conference}) on any JDBC DataSource. Blocking: never on a strand. */
final class RoomStore {
    static final String SCHEMA = "conference";

    private final DataSource dataSource;
    private final Transactions tx;

    RoomStore(DataSource dataSource) {
        this.dataSource = dataSource;
        this.tx = new Transactions(dataSource);
    }

    /** @return the number of migrations applied now */
    int migrate(ClassLoader loader) {
        return BundleSchema.migrate(dataSource, loader, SCHEMA);
    }

    List<Room> loadAll() {
        return tx.inTransaction("load the conference rooms", c -> {
            List<Room> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT number, name, pin, max_members FROM conf_room ORDER BY number");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Room(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4)));
                }
            }
            return out;
        });
    }

    void insert(Room room, Instant now) {
        tx.inTransaction("store conference room " + room.number(), c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO conf_room (number, name, pin, max_members, created_at) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, room.number());
                ps.setString(2, room.name());
                ps.setString(3, room.hasPin() ? room.pin() : null);
                ps.setInt(4, room.maxMembers());
                ps.setTimestamp(5, Timestamp.from(now));
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** @return true when a row was deleted */
    boolean delete(String number) {
        return tx.inTransaction("remove conference room " + number, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM conf_room WHERE number = ?")) {
                ps.setString(1, number);
                return ps.executeUpdate() > 0;
            }
        });
    }
}
