package org.plugboard.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds the page's files under one folder of the bundle: maps a request path to a resource name, refuses paths that
 * climb out of the folder, names the content type. OSGi-free so its rules are unit tested.
 */
public final class StaticFiles {
    /** What a request path resolved to: the resource, its media type and its bytes. */
    public record File(String name, String contentType, byte[] bytes) {
    }

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "json", "application/json; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon");

    private final String root;
    private final Function<String, URL> loader;

    /**
     * @param root   the folder inside the bundle, e.g. {@code ui}
     * @param loader finds a resource by name (the bundle's {@code getResource})
     */
    public StaticFiles(String root, Function<String, URL> loader) {
        this.root = root;
        this.loader = loader;
    }

    /** The resource name for a path below the mount point ({@code null} or {@code /} is the index page). */
    public Optional<String> resolve(String pathInfo) {
        String p = pathInfo == null || pathInfo.isEmpty() || pathInfo.equals("/") ? "/index.html" : pathInfo;
        if (!p.startsWith("/") || p.contains("..") || p.contains("\\") || p.contains("//") || p.endsWith("/")) {
            return Optional.empty();
        }
        String ext = extension(p);
        return TYPES.containsKey(ext) ? Optional.of(root + p) : Optional.empty();
    }

    /** The file for a path, empty when it does not exist or is not one the page serves. */
    public Optional<File> read(String pathInfo) throws IOException {
        Optional<String> name = resolve(pathInfo);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        URL url = loader.apply(name.get());
        if (url == null) {
            return Optional.empty();
        }
        try (InputStream in = url.openStream()) {
            return Optional.of(new File(name.get(), TYPES.get(extension(name.get())), in.readAllBytes()));
        }
    }

    private static String extension(String p) {
        int dot = p.lastIndexOf('.');
        return dot < 0 ? "" : p.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
