package org.plugboard.serviceplans.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.plugboard.api.service.DetectionPoint;
import org.plugboard.settingsdb.BundleSchema;
import org.plugboard.settingsdb.Transactions;

/**
 * The plans and class assignments in the bundle's own tables (schema {@code serviceplans}). Blocking JDBC: used at
 * activation and by console writes, never on a call's strand. Each write is one transaction; a failure comes out as
 * {@link Transactions.StorageException} naming what was being done.
 */
final class PlanStore {
    static final String SCHEMA = "serviceplans";

    private final DataSource dataSource;
    private final Transactions tx;

    PlanStore(DataSource dataSource) {
        this.dataSource = dataSource;
        this.tx = new Transactions(dataSource);
    }

    /** Creates or upgrades the tables; returns the number of migrations applied. */
    int migrate(ClassLoader loader) {
        return BundleSchema.migrate(dataSource, loader, SCHEMA);
    }

    /** Everything, as the table the lookups read. */
    PlanTable load() {
        return tx.inTransaction("load the service plans", c -> {
            Map<String, Map<String, List<String>>> lists = new HashMap<>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT plan_scope, plan_point FROM service_plan")) {
                while (rs.next()) {
                    lists.computeIfAbsent(rs.getString(1), s -> new HashMap<>()).put(rs.getString(2), new ArrayList<>());
                }
            }
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT plan_scope, plan_point, service_name FROM service_plan_entry ORDER BY plan_scope, plan_point, seq")) {
                while (rs.next()) {
                    lists.get(rs.getString(1)).get(rs.getString(2)).add(rs.getString(3));
                }
            }
            Map<String, ScopePlan> plans = new HashMap<>();
            lists.forEach((scope, byPoint) -> {
                ScopePlan plan = ScopePlan.NONE;
                for (Map.Entry<String, List<String>> e : byPoint.entrySet()) {
                    plan = plan.with(ScopePlan.point(e.getKey()), e.getValue());
                }
                plans.put(scope, plan);
            });
            Map<String, String> classes = new HashMap<>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT extension, service_class FROM service_class_member")) {
                while (rs.next()) {
                    classes.put(rs.getString(1), rs.getString(2));
                }
            }
            return new PlanTable(plans, classes);
        });
    }

    /** Replaces the list of {@code scope} at {@code point} (null: all points). */
    void setPlan(String scope, DetectionPoint point, List<String> services) {
        String p = ScopePlan.name(point);
        tx.inTransaction("set the service plan of " + scope + " at " + p, c -> {
            delete(c, scope, p);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO service_plan (plan_scope, plan_point) VALUES (?, ?)")) {
                ps.setString(1, scope);
                ps.setString(2, p);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO service_plan_entry (plan_scope, plan_point, seq, service_name) VALUES (?, ?, ?, ?)")) {
                for (int i = 0; i < services.size(); i++) {
                    ps.setString(1, scope);
                    ps.setString(2, p);
                    ps.setInt(3, i);
                    ps.setString(4, services.get(i));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** Removes the list of {@code scope} at {@code point} (null: the all-points list); true if there was one. */
    boolean clearPlan(String scope, DetectionPoint point) {
        String p = ScopePlan.name(point);
        return tx.inTransaction("clear the service plan of " + scope + " at " + p, c -> delete(c, scope, p) > 0);
    }

    /** Removes every list of {@code scope}; returns how many there were. */
    int clearScope(String scope) {
        return tx.inTransaction("clear the service plans of " + scope, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM service_plan_entry WHERE plan_scope = ?")) {
                ps.setString(1, scope);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM service_plan WHERE plan_scope = ?")) {
                ps.setString(1, scope);
                return ps.executeUpdate();
            }
        });
    }

    /** Puts {@code extension} into {@code serviceClass}, out of any other. */
    void assign(String extension, String serviceClass) {
        tx.inTransaction("assign " + extension + " to class " + serviceClass, c -> {
            unassign(c, extension);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO service_class_member (extension, service_class) VALUES (?, ?)")) {
                ps.setString(1, extension);
                ps.setString(2, serviceClass);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Takes {@code extension} out of its class; true if it had one. */
    boolean unassign(String extension) {
        return tx.inTransaction("take " + extension + " out of its service class", c -> unassign(c, extension) > 0);
    }

    private static int unassign(Connection c, String extension) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM service_class_member WHERE extension = ?")) {
            ps.setString(1, extension);
            return ps.executeUpdate();
        }
    }

    /** Deletes one list (entries first: not every database cascades the same way). */
    private static int delete(Connection c, String scope, String point) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM service_plan_entry WHERE plan_scope = ? AND plan_point = ?")) {
            ps.setString(1, scope);
            ps.setString(2, point);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM service_plan WHERE plan_scope = ? AND plan_point = ?")) {
            ps.setString(1, scope);
            ps.setString(2, point);
            return ps.executeUpdate();
        }
    }
}
