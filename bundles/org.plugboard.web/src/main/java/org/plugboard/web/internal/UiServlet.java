package org.plugboard.web.internal;

import java.io.IOException;
import java.util.Optional;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.HttpWhiteboardConstants;

/**
 * Serves the admin page's static files from this bundle at {@code /ui/*}. The page talks to the PBX only through
 * {@code /api} (bundle org.plugboard.rest): this servlet holds no data and needs no login.
 */
@Component(service = Servlet.class, property = {
        HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN + "=" + UiServlet.MOUNT + "/*",
        HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME + "=plugboard-web"})
public class UiServlet extends HttpServlet {
    static final String MOUNT = "/ui";
    private static final long serialVersionUID = 1L;
    /** Scripts only from this origin, no inline script, no framing: the page shows data phones and carriers sent. */
    static final String CSP = "default-src 'self'; img-src 'self' data:; media-src 'self'; object-src 'none'; "
            + "frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    private final transient StaticFiles files = new StaticFiles("ui", UiServlet.class.getClassLoader()::getResource);

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (req.getPathInfo() == null) { // "/ui" without the slash: relative links need the folder form
            resp.sendRedirect(req.getContextPath() + MOUNT + "/");
            return;
        }
        Optional<StaticFiles.File> file = files.read(req.getPathInfo());
        if (file.isEmpty()) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        resp.setContentType(file.get().contentType());
        resp.setHeader("Content-Security-Policy", CSP);
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("Referrer-Policy", "no-referrer");
        // Revalidate every time: after a bundle:update the browser must not mix old and new modules.
        resp.setHeader("Cache-Control", "no-cache");
        resp.setContentLength(file.get().bytes().length);
        resp.getOutputStream().write(file.get().bytes());
    }
}
