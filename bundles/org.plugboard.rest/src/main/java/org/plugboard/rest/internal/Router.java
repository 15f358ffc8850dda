package org.plugboard.rest.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Finds the route of a request: by path first, then by method, so that a known path with another method is a 405
 * naming the allowed ones and an unknown path a 404.
 */
public final class Router {
    private final List<Route> routes = new ArrayList<>();

    public Router add(Route route) {
        routes.add(route);
        return this;
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }

    /** A matched route and the values of its path parameters. */
    public record Match(Route route, Map<String, String> params) {
    }

    /** The route for {@code method} and {@code path}; throws 404 or 405 problems. */
    public Match match(String method, String path) {
        List<String> parts = split(path);
        TreeSet<String> allowed = new TreeSet<>();
        for (Route r : routes) {
            Map<String, String> params = bind(r.segments(), parts);
            if (params == null) {
                continue;
            }
            if (r.method().equals(method) || ("HEAD".equals(method) && "GET".equals(r.method()))) {
                return new Match(r, params);
            }
            allowed.add(r.method());
        }
        if (allowed.isEmpty()) {
            throw new ApiException(Problem.noRoute(path));
        }
        throw new MethodNotAllowed(Problem.methodNotAllowed(method, path, String.join(", ", allowed)), allowed);
    }

    /** A 405 that carries the Allow header's methods. */
    public static final class MethodNotAllowed extends ApiException {
        private static final long serialVersionUID = 1L;
        private final transient TreeSet<String> allowed;

        MethodNotAllowed(Problem problem, TreeSet<String> allowed) {
            super(problem);
            this.allowed = allowed;
        }

        public String allow() {
            return String.join(", ", allowed);
        }
    }

    private static Map<String, String> bind(List<String> template, List<String> parts) {
        if (template.size() != parts.size()) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < template.size(); i++) {
            String t = template.get(i);
            if (t.startsWith("{") && t.endsWith("}")) {
                if (parts.get(i).isEmpty()) {
                    return null;
                }
                params.put(t.substring(1, t.length() - 1), parts.get(i));
            } else if (!t.equals(parts.get(i))) {
                return null;
            }
        }
        return params;
    }

    /** Path segments, percent-decoded one by one (an encoded '/' stays inside its segment). */
    static List<String> split(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/", -1)) {
            out.add(java.net.URLDecoder.decode(s.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8));
        }
        if (out.size() > 1 && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1); // a trailing slash names the same resource
        }
        return out;
    }
}
