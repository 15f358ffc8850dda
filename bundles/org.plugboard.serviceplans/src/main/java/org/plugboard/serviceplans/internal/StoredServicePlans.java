package org.plugboard.serviceplans.internal;

import java.util.List;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.plugboard.api.service.DetectionPoint;
import org.plugboard.api.service.ServicePlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service plans of the PBX, kept in the database and answered from memory. Activation migrates the tables and
 * loads everything; {@link #services} then reads one immutable {@link PlanTable} on the call's strand (no SQL, no
 * lock). Writes are serialized, go to the database first, and swap the table only after the commit, so a failed
 * write changes nothing a call sees.
 *
 * <p>Configuration (optional, {@code etc/org.plugboard.serviceplans.cfg}): {@code dataSource.target} to use another
 * DataSource, {@code service.ranking} to place these plans among other {@code ServicePlan} services.
 */
@Component(service = {ServicePlan.class, PlanAdmin.class}, configurationPid = "org.plugboard.serviceplans")
public class StoredServicePlans implements ServicePlan, PlanAdmin {
    private static final Logger LOG = LoggerFactory.getLogger(StoredServicePlans.class);

    private final PlanStore store;
    private final Object writes = new Object();
    private volatile PlanTable table;

    @Activate
    public StoredServicePlans(@Reference(name = "dataSource", target = "(dataSourceName=plugboard)") DataSource dataSource) {
        this.store = new PlanStore(dataSource);
        store.migrate(StoredServicePlans.class.getClassLoader());
        this.table = store.load();
        LOG.info("Service plans ready: {} scopes with a plan, {} extensions in a service class", table.plans().size(),
                table.classes().size());
    }

    // ---- ServicePlan: on the call's strand ----------------------------------------------------------------

    @Override
    public List<String> services(String servedUser, DetectionPoint point) {
        PlanTable.Resolution r = table.resolve(servedUser, point);
        return r == null ? null : r.services();
    }

    // ---- PlanAdmin: console thread ------------------------------------------------------------------------

    @Override
    public PlanTable table() {
        return table;
    }

    @Override
    public String setPlan(String scope, DetectionPoint point, List<String> services) {
        String s = Scope.normalize(scope);
        List<String> names = services.isEmpty() ? List.of() : ServiceNames.parse(services);
        synchronized (writes) {
            store.setPlan(s, point, names);
            table = table.withPlan(s, point, names);
        }
        LOG.info("Service plan of {} at {}: {}", s, ScopePlan.name(point), ServiceNames.show(names));
        return s;
    }

    @Override
    public boolean clearPlan(String scope, DetectionPoint point) {
        String s = Scope.normalize(scope);
        synchronized (writes) {
            boolean removed = store.clearPlan(s, point);
            table = table.withoutPlan(s, point);
            if (removed) {
                LOG.info("Service plan of {} at {} cleared", s, ScopePlan.name(point));
            }
            return removed;
        }
    }

    @Override
    public int clearScope(String scope) {
        String s = Scope.normalize(scope);
        synchronized (writes) {
            int removed = store.clearScope(s);
            table = table.withoutScope(s);
            if (removed > 0) {
                LOG.info("Service plans of {} cleared ({} lists)", s, removed);
            }
            return removed;
        }
    }

    @Override
    public String assign(String extension, String serviceClass) {
        String ext = number(extension);
        String c = Scope.className(serviceClass);
        synchronized (writes) {
            store.assign(ext, c);
            table = table.withClass(ext, c);
        }
        LOG.info("Extension {} is in service class {}", ext, c);
        return c;
    }

    @Override
    public String unassign(String extension) {
        String ext = number(extension);
        synchronized (writes) {
            String was = table.classOf(ext).orElse(null);
            store.unassign(ext);
            table = table.withoutClass(ext);
            if (was != null) {
                LOG.info("Extension {} is in no service class (was {})", ext, was);
            }
            return was;
        }
    }

    private static String number(String extension) {
        String ext = extension == null ? "" : extension.trim();
        if (!Scope.isNumber(ext)) {
            throw new IllegalArgumentException("'" + ext + "' is no extension number: digits, e.g. 1002");
        }
        return ext;
    }
}
