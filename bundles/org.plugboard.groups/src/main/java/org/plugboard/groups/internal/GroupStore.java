package org.plugboard.groups.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import javax.sql.DataSource;

import org.plugboard.settingsdb.BundleSchema;
import org.plugboard.settingsdb.Transactions;

/**
 * The groups in the database (tables {@code groups_ring}, {@code groups_ring_member}, {@code groups_pickup_member},
 * migrated by Flyway from {@code db/migration/groups}). Blocking: used at activation and by console writes, never
 * on a call's strand.
 */
final class GroupStore {
    private final DataSource dataSource;
    private final Transactions tx;

    GroupStore(DataSource dataSource) {
        this.dataSource = dataSource;
        this.tx = new Transactions(dataSource);
    }

    void migrate(ClassLoader loader) {
        BundleSchema.migrate(dataSource, loader, "groups");
    }

    /** Every ring group with its members, and every pickup group, read in one transaction. */
    GroupsState load() {
        return tx.inTransaction("load the groups", c -> {
            Map<String, List<String>> members = new HashMap<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT group_number, extension FROM groups_ring_member ORDER BY group_number, member_order")) {
                while (rs.next()) {
                    members.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
            List<RingGroup> rings = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT group_number, group_name, strategy, ring_seconds, member_seconds, no_answer FROM groups_ring")) {
                while (rs.next()) {
                    String number = rs.getString(1);
                    rings.add(new RingGroup(number, rs.getString(2), Strategy.parse(rs.getString(3)), rs.getInt(4), rs.getInt(5),
                            rs.getString(6), members.getOrDefault(number, List.of())));
                }
            }
            Map<String, Set<String>> pickups = new LinkedHashMap<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT pickup_name, extension FROM groups_pickup_member ORDER BY pickup_name, extension")) {
                while (rs.next()) {
                    pickups.computeIfAbsent(rs.getString(1), k -> new TreeSet<>()).add(rs.getString(2));
                }
            }
            return GroupsState.of(rings, pickups.entrySet().stream().map(e -> new PickupGroup(e.getKey(), e.getValue())).toList());
        });
    }

    /** Inserts a new group, or changes an existing group's settings (its members stay). */
    void save(RingGroup g, boolean exists) {
        tx.inTransaction((exists ? "change" : "add") + " group " + g.number(), c -> {
            String sql = exists
                    ? "UPDATE groups_ring SET group_name = ?, strategy = ?, ring_seconds = ?, member_seconds = ?, no_answer = ?"
                            + " WHERE group_number = ?"
                    : "INSERT INTO groups_ring (group_name, strategy, ring_seconds, member_seconds, no_answer, group_number)"
                            + " VALUES (?, ?, ?, ?, ?, ?)";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, g.name());
                ps.setString(2, g.strategy().label());
                ps.setInt(3, g.ringSeconds());
                ps.setInt(4, g.memberSeconds());
                if (g.noAnswer() == null) {
                    ps.setNull(5, Types.VARCHAR);
                } else {
                    ps.setString(5, g.noAnswer());
                }
                ps.setString(6, g.number());
                if (ps.executeUpdate() != 1) {
                    throw new SQLException("group " + g.number() + " is not in the database (removed meanwhile?)");
                }
            }
            return null;
        });
    }

    /** Replaces the members of a group, in order. */
    void setMembers(String group, List<String> extensions) {
        tx.inTransaction("set the members of group " + group, c -> {
            delete(c, "DELETE FROM groups_ring_member WHERE group_number = ?", group);
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO groups_ring_member (group_number, member_order, extension) VALUES (?, ?, ?)")) {
                for (int i = 0; i < extensions.size(); i++) {
                    ps.setString(1, group);
                    ps.setInt(2, i);
                    ps.setString(3, extensions.get(i));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** True when the group was there. Its members go with it. */
    boolean remove(String group) {
        return tx.inTransaction("remove group " + group, c -> {
            delete(c, "DELETE FROM groups_ring_member WHERE group_number = ?", group);
            return delete(c, "DELETE FROM groups_ring WHERE group_number = ?", group) > 0;
        });
    }

    /** Replaces the members of a pickup group; no members removes it. */
    void setPickup(String name, Set<String> extensions) {
        tx.inTransaction((extensions.isEmpty() ? "remove" : "set") + " pickup group " + name, c -> {
            delete(c, "DELETE FROM groups_pickup_member WHERE pickup_name = ?", name);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO groups_pickup_member (pickup_name, extension) VALUES (?, ?)")) {
                for (String e : extensions) {
                    ps.setString(1, name);
                    ps.setString(2, e);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    private static int delete(Connection c, String sql, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, key);
            return ps.executeUpdate();
        }
    }
}
