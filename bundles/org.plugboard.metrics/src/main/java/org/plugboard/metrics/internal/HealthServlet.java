package org.plugboard.metrics.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.plugboard.api.metrics.HealthCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * {@code GET /health}: 200 when every check is up and every required check is present, else 503; the body names each
 * check with its reason: {@code {"status":"DOWN","checks":[{"name":"media","status":"DOWN","reason":"..."}]}}.
 */
@Component(service = Servlet.class, configurationPid = HealthConfig.PID, property = {
        "osgi.http.whiteboard.servlet.pattern=/health", "osgi.http.whiteboard.servlet.name=plugboard-health"})
@Designate(ocd = HealthConfig.class)
public class HealthServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(HealthServlet.class);
    private static final JsonFactory JSON = new JsonFactory();

    private transient volatile List<HealthReport.Named> checks = List.of();
    private transient volatile HealthConfig config;
    /** Checks run here, so one that hangs costs a thread of this pool, never the HTTP thread for longer than the limit. */
    private final transient ThreadPoolExecutor pool = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(64), r -> {
                Thread t = new Thread(r, "plugboard-health");
                t.setDaemon(true);
                return t;
            });

    @Activate
    public HealthServlet(HealthConfig config) {
        pool.allowCoreThreadTimeOut(true);
        modified(config);
    }

    @Modified
    void modified(HealthConfig config) {
        this.config = config;
        LOG.info("Health: required checks {}, time limit {} ms", List.of(config.required_checks()), config.timeout_ms());
    }

    @Deactivate
    void deactivate() {
        pool.shutdownNow();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void addCheck(HealthCheck check, Map<String, Object> props) {
        Object name = props.get(HealthCheck.NAME);
        List<HealthReport.Named> next = new ArrayList<>(checks);
        next.add(new HealthReport.Named(name == null ? "unnamed-" + props.get("service.id") : String.valueOf(name), check));
        checks = List.copyOf(next);
    }

    synchronized void removeCheck(HealthCheck check) {
        checks = checks.stream().filter(c -> c.check() != check).toList();
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        HealthConfig c = config;
        List<HealthReport.Entry> entries = HealthReport.run(checks, Set.of(c.required_checks()), c.timeout_ms(), pool);
        boolean ok = HealthReport.allOk(entries);
        resp.setStatus(ok ? 200 : 503);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        try (JsonGenerator g = JSON.createGenerator(resp.getOutputStream())) {
            g.writeStartObject();
            g.writeStringField("status", ok ? "UP" : "DOWN");
            g.writeArrayFieldStart("checks");
            for (HealthReport.Entry e : entries) {
                g.writeStartObject();
                g.writeStringField("name", e.name());
                g.writeStringField("status", e.ok() ? "UP" : "DOWN");
                g.writeStringField("reason", e.reason());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }
}
