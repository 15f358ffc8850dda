package org.plugboard.rest.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.plugboard.api.ivr.IvrFile;
import org.plugboard.api.ivr.IvrFileException;
import org.plugboard.api.ivr.IvrFiles;

/**
 * {@code /api/ivr}: the IVR-XML files of the IVR bundle ({@link IvrFiles}). An upload is validated by the IVR's own
 * parser before anything is saved: a refused one is a 400 {@code invalid-ivr} naming the line and column.
 */
public final class IvrResource {
    static final String FILES = "/api/ivr/files";
    static final String SCHEMA = "/api/ivr/schema";
    static final String XML = "application/xml";

    private final Services services;

    public IvrResource(Services services) {
        this.services = services;
    }

    public void register(Router router) {
        router.add(new Route("GET", FILES, "List the IVR files with their validity", this::list));
        router.add(new Route("GET", FILES + "/{name}", "Read an IVR file (XML)", this::get));
        router.add(new Route("PUT", FILES + "/{name}", "Validate and save an IVR file (XML)", this::put));
        router.add(new Route("DELETE", FILES + "/{name}", "Delete an IVR file", this::delete));
        router.add(new Route("GET", SCHEMA, "The XML schema of IVR files", x -> Reply.text(XML,
                services.ivrFiles().schema(), Map.of())));
    }

    Reply list(Exchange x) {
        List<Map<String, Object>> items = services.ivrFiles().list().stream().map(IvrResource::view).toList();
        return Reply.ok(Map.of("items", items));
    }

    Reply get(Exchange x) throws IOException {
        String name = x.path("name");
        byte[] content = named(name, () -> services.ivrFiles().read(name)).orElseThrow(() -> notFound(name));
        return new Reply(200, content, XML, Map.of());
    }

    Reply put(Exchange x) throws IOException {
        String name = x.path("name");
        IvrFiles files = services.ivrFiles();
        byte[] content = x.rawBody(XML, "text/xml");
        boolean created;
        try {
            created = files.write(name, content);
        } catch (IllegalArgumentException e) {
            throw badName(e);
        } catch (IvrFileException e) {
            x.audit("refused IVR file " + name + ": " + e.getMessage());
            throw new ApiException(Problem.of(400, "invalid-ivr", "Invalid IVR file", e.getMessage())
                    .fix("correct the file" + (e.line() > 0 ? " at line " + e.line() + ", column " + e.column() : "")
                            + " (schema: GET " + SCHEMA + "); nothing was saved")
                    .with("line", e.line()).with("column", e.column()));
        }
        x.audit((created ? "added" : "replaced") + " IVR file " + name);
        Map<String, Object> body = files.list().stream().filter(f -> f.name().equals(name)).findFirst()
                .map(IvrResource::view).orElseGet(() -> Map.of("name", name));
        return created ? Reply.created(FILES + "/" + name, body) : Reply.ok(body);
    }

    Reply delete(Exchange x) throws IOException {
        String name = x.path("name");
        if (!named(name, () -> services.ivrFiles().delete(name))) {
            throw notFound(name);
        }
        x.audit("deleted IVR file " + name);
        return Reply.noContent();
    }

    static Map<String, Object> view(IvrFile f) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", f.name());
        v.put("size", f.size());
        v.put("modified", f.modified().toString());
        v.put("valid", f.valid());
        if (!f.valid()) {
            v.put("problem", f.problem());
            v.put("line", f.line());
            v.put("column", f.column());
        }
        return v;
    }

    /** A file operation on a name the IVR bundle may refuse: its refusal becomes a 400 naming the path segment. */
    private interface FileOp<T> {
        T run() throws IOException;
    }

    private static <T> T named(String name, FileOp<T> op) throws IOException {
        try {
            return op.run();
        } catch (IllegalArgumentException e) {
            throw badName(e);
        }
    }

    private static ApiException badName(IllegalArgumentException e) {
        return new ApiException(Problem.invalid("name", e.getMessage(), "use a name like main-menu"));
    }

    private static ApiException notFound(String name) {
        return new ApiException(Problem.notFound("no IVR file " + name).fix("list them with GET " + FILES));
    }
}
