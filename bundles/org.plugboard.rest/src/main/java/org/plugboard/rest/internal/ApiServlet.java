package org.plugboard.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Map;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.http.whiteboard.HttpWhiteboardConstants;
import org.osgi.service.metatype.annotations.Designate;
import org.plugboard.api.calls.CallControl;
import org.plugboard.api.cdr.CdrSearch;
import org.plugboard.api.directory.Directory;
import org.plugboard.api.location.LocationService;
import org.plugboard.api.security.AuthFailureGuard;
import org.plugboard.api.status.LineStatusService;
import org.plugboard.api.status.TrunkStatusService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON API at {@code /api/*} on the HTTP whiteboard: a thin adapter from the servlet container to {@link Api}.
 * Every PBX service is an optional dynamic reference, so the API runs with whatever features are installed.
 */
@Component(service = Servlet.class, configurationPid = RestConfig.PID, immediate = true, property = {
    HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN + "=/api/*",
    HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME + "=plugboard-rest"})
@Designate(ocd = RestConfig.class)
public class ApiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ApiServlet.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile Directory directory;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile LocationService location;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile CallControl calls;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile CdrSearch cdrs;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile LineStatusService lines;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile TrunkStatusService trunks;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuthFailureGuard guard;

    private final transient EventHub events;
    private final transient SessionService sessions;
    private final transient CapabilityTracker capabilities;
    private transient volatile Api api;

    @Activate
    public ApiServlet(@Reference EventHub events, @Reference SessionService sessions,
            @Reference CapabilityTracker capabilities, RestConfig config) {
        this.events = events;
        this.sessions = sessions;
        this.capabilities = capabilities;
        apply(config);
    }

    @Modified
    void apply(RestConfig config) {
        Services services = new Services(() -> directory, () -> location, () -> calls, () -> cdrs, () -> lines,
                () -> trunks, () -> guard).capabilities(capabilities.capabilities())
                .ivrFiles(capabilities::ivrFiles).trace(capabilities::trace)
                .settings(capabilities::forwarding, capabilities::dnd)
                .boxSettings(capabilities::screening, capabilities::voicemailSettings).recordings(capabilities::recordings)
                .voicemail(capabilities::voicemail);
        api = new Api(services, events::publish, new Json(), new Gate(new JaasAuthenticator(config.realm()), sessions.sessions()),
                config.max_body_bytes(), Clock.systemUTC());
        LOG.info("REST API at /api: realm {}, bodies up to {} bytes", config.realm(), config.max_body_bytes());
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getRequestURI().substring(req.getContextPath().length());
        Exchange.Body body = new Exchange.Body() {
            @Override
            public String contentType() {
                return req.getContentType();
            }

            @Override
            public long contentLength() {
                return req.getContentLengthLong();
            }

            @Override
            public InputStream stream() throws IOException {
                return req.getInputStream();
            }
        };
        Api.Response r = api.handle(new Api.Request(req.getMethod(), path, req.getParameterMap(),
                req.getHeader("Authorization"), req.getRemoteAddr() + ":" + req.getRemotePort(), body,
                Sessions.token(req.getHeader("Cookie")), req.getHeader(Gate.CSRF_HEADER)));
        resp.setStatus(r.status());
        for (Map.Entry<String, String> h : r.headers().entrySet()) {
            // over HTTPS the cookie is marked Secure, so the browser never sends it over plain HTTP
            boolean secureCookie = req.isSecure() && "Set-Cookie".equals(h.getKey());
            resp.setHeader(h.getKey(), secureCookie ? h.getValue() + "; Secure" : h.getValue());
        }
        resp.setHeader("Cache-Control", "no-store");
        if (r.contentType() != null) {
            boolean binary = r.contentType().startsWith("audio/"); // no charset on audio files
            resp.setContentType(binary || r.contentType().contains("charset") ? r.contentType()
                    : r.contentType() + ";charset=utf-8");
        }
        if (r.file() != null) {
            resp.setContentLengthLong(java.nio.file.Files.size(r.file()));
            java.nio.file.Files.copy(r.file(), resp.getOutputStream());
        } else if (r.body().length > 0) {
            resp.setContentLength(r.body().length);
            resp.getOutputStream().write(r.body());
        }
    }
}
