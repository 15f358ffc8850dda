package org.plugboard.metrics.internal;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.plugboard.api.metrics.Health;
import org.plugboard.api.metrics.HealthCheck;

/** "database": the DataSource {@code plugboard} (pax-jdbc) is registered and hands out a valid connection. */
@Component(property = HealthCheck.NAME + "=database")
public class DatabaseHealth implements HealthCheck {
    private volatile DataSource dataSource;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(dataSourceName=plugboard)")
    void setDataSource(DataSource ds) {
        dataSource = ds;
    }

    void unsetDataSource(DataSource ds) {
        if (dataSource == ds) {
            dataSource = null;
        }
    }

    @Override
    public Health check() {
        DataSource ds = dataSource;
        if (ds == null) {
            return Health.down("no DataSource 'plugboard' is registered: check etc/org.ops4j.datasource-plugboard.cfg "
                    + "and feature pbx-database");
        }
        try (Connection c = ds.getConnection()) {
            return c.isValid(1) ? Health.up("connection valid (" + c.getMetaData().getDatabaseProductName() + ")")
                    : Health.down("the connection did not answer within 1 s");
        } catch (SQLException e) {
            return Health.down("cannot connect: " + e.getMessage());
        }
    }
}
