package org.plugboard.ivr.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * What the {@code pbx:ivr-*} commands show, as text: the commands only print it. Bad input is an
 * {@link IllegalArgumentException} whose message names the problem and the fix.
 */
@Component(service = IvrConsole.class)
public class IvrConsole {
    private final Ivrs ivrs;

    @Activate
    public IvrConsole(@Reference Ivrs ivrs) {
        this.ivrs = ivrs;
    }

    /** One row per IVR in service or refused: name, number, version, menus, calls, loaded, fault. */
    public List<List<String>> rows() {
        IvrCatalog catalog = ivrs.catalog();
        Map<String, IvrCatalog.Entry> entries = catalog.entries();
        Map<String, IvrFault> faults = catalog.faults();
        Set<String> names = new TreeSet<>(entries.keySet());
        names.addAll(faults.keySet());
        List<List<String>> rows = new ArrayList<>();
        for (String name : names) {
            IvrCatalog.Entry e = entries.get(name);
            IvrFault f = faults.get(name);
            String fault = f == null ? "" : (f.line() > 0 ? "line " + f.line() + ": " : "") + f.fault();
            rows.add(e == null ? List.of(name, "-", "-", "-", "-", "-", fault)
                    : List.of(name, e.ivr().number(), String.valueOf(e.ivr().version()), String.valueOf(e.ivr().menus().size()),
                            String.valueOf(catalog.answered(e.ivr())), e.loaded().toString(), fault));
        }
        return rows;
    }

    /** The counters: files read stays put while calls are answered from memory. */
    public String counters() {
        IvrCatalog c = ivrs.catalog();
        return "files-read: " + c.filesRead() + ", calls-answered: " + c.callsAnswered() + ", folder: " + ivrs.dir();
    }

    public Set<String> names() {
        return ivrs.catalog().entries().keySet();
    }

    /** Checks a file (a bare name: in the IVR folder) without putting it in service. */
    public String validate(String file) {
        Path path = Path.of(file);
        if (!path.isAbsolute() && !Files.exists(path)) {
            path = ivrs.dir().resolve(file.endsWith(IvrCatalog.SUFFIX) ? file : file + IvrCatalog.SUFFIX);
        }
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("no file " + path + "; give a path or the name of a file in " + ivrs.dir());
        }
        try {
            Ivr ivr = ivrs.catalog().read(path);
            return path + ": valid; IVR '" + ivr.name() + "' answers " + ivr.number() + ", " + ivr.menus().size() + " menu(s), starts in '"
                    + ivr.start() + "'";
        } catch (IvrFault f) {
            throw new IllegalArgumentException(path + (f.line() > 0 ? ":" + f.line() + ":" + f.column() : "") + ": " + f.fault());
        }
    }

    /** The IVR's menus, steps and hours, as text. */
    public String show(String name) {
        IvrCatalog.Entry e = ivrs.catalog().entries().get(name);
        if (e == null) {
            IvrFault f = ivrs.catalog().faults().get(name);
            throw new IllegalArgumentException("no IVR '" + name + "' in service" + (f != null ? " (its file was refused: "
                    + f.getMessage() + ")" : "") + "; pbx:ivr-list shows them");
        }
        IvrFault f = ivrs.catalog().faults().get(name);
        return IvrText.of(e.ivr(), e.file()) + (f == null ? "" : "last edit refused, this version stays: " + f.getMessage() + "\n");
    }
}
