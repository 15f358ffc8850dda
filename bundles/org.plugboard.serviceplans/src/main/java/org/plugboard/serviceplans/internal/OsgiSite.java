package org.plugboard.serviceplans.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.plugboard.api.directory.Directory;
import org.plugboard.api.directory.Extension;
import org.plugboard.api.service.ServicePlan;
import org.plugboard.configvalues.ConfigList;

/** The console's view of the PBX: the directory, the calls bundle's configuration, the other service plans. */
final class OsgiSite implements PlanConsole.Site {
    /** The calls bundle's configuration and the key of its own service order. */
    static final String CALLS_PID = "org.plugboard.calls";
    static final String CALLS_SERVICES = "services";

    private final Directory directory;
    private final ConfigurationAdmin configAdmin;
    private final BundleContext context;

    OsgiSite(Directory directory, ConfigurationAdmin configAdmin, BundleContext context) {
        this.directory = directory;
        this.configAdmin = configAdmin;
        this.context = context;
    }

    @Override
    public Optional<String> extensionName(String number) {
        return directory.find(number).map(Extension::displayName);
    }

    @Override
    public List<String> extensionNumbers() {
        return directory.list().stream().map(Extension::number).toList();
    }

    /** Read without creating the configuration (listConfigurations, not getConfiguration). */
    @Override
    public List<String> callsServices() {
        try {
            Configuration[] found = configAdmin.listConfigurations("(" + Constants.SERVICE_PID + "=" + CALLS_PID + ")");
            if (found == null || found.length == 0 || found[0].getProperties() == null) {
                return List.of();
            }
            return ConfigList.items(found[0].getProperties().get(CALLS_SERVICES));
        } catch (IOException | InvalidSyntaxException e) {
            return List.of();
        }
    }

    /** Plans ranked before this bundle's, in the order the calls bundle asks them. */
    @Override
    public List<String> plansAskedFirst() {
        Collection<ServiceReference<ServicePlan>> refs;
        try {
            refs = context.getServiceReferences(ServicePlan.class, null);
        } catch (InvalidSyntaxException e) {
            return List.of();
        }
        List<ServiceReference<ServicePlan>> ordered = new ArrayList<>(refs);
        ordered.sort(Comparator.comparingInt((ServiceReference<ServicePlan> r) -> -ranking(r))
                .thenComparingLong(r -> (Long) r.getProperty(Constants.SERVICE_ID)));
        List<String> before = new ArrayList<>();
        for (ServiceReference<ServicePlan> r : ordered) {
            if (r.getBundle() != null && r.getBundle().getBundleId() == context.getBundle().getBundleId()) {
                return before;
            }
            before.add((r.getBundle() == null ? "?" : r.getBundle().getSymbolicName()) + " ranking " + ranking(r));
        }
        return before; // ours is not registered (being updated): everything else decides
    }

    private static int ranking(ServiceReference<?> r) {
        return r.getProperty(Constants.SERVICE_RANKING) instanceof Integer i ? i : 0;
    }
}
