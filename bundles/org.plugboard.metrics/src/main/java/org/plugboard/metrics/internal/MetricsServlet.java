package org.plugboard.metrics.internal;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.plugboard.api.metrics.MetricSource;

/** {@code GET /metrics}: every registered {@link MetricSource}, in the Prometheus text format. */
@Component(service = Servlet.class, property = {"osgi.http.whiteboard.servlet.pattern=/metrics",
        "osgi.http.whiteboard.servlet.name=plugboard-metrics"})
public class MetricsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Comparator<Scrape.Named> BY_NAME = Comparator.comparing(Scrape.Named::name);

    /** Replaced whole on each change, so a scrape iterates a list nobody changes. */
    private transient volatile List<Scrape.Named> sources = List.of();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void addSource(MetricSource source, Map<String, Object> props) {
        List<Scrape.Named> next = new ArrayList<>(sources);
        next.add(new Scrape.Named(props.get("component.name") != null ? String.valueOf(props.get("component.name"))
                : "service " + props.get(Constants.SERVICE_ID), source));
        next.sort(BY_NAME);
        sources = List.copyOf(next);
    }

    synchronized void removeSource(MetricSource source) {
        sources = sources.stream().filter(s -> s.source() != source).toList();
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Families families = Scrape.collect(sources);
        resp.setStatus(200);
        resp.setContentType(TextFormat.CONTENT_TYPE);
        resp.setHeader("Cache-Control", "no-store");
        Writer out = new OutputStreamWriter(resp.getOutputStream(), StandardCharsets.UTF_8);
        TextFormat.write(families.families(), out);
        out.flush();
    }
}
