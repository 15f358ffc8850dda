package org.plugboard.ivr.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.plugboard.api.ivr.IvrFile;
import org.plugboard.api.ivr.IvrFileException;
import org.plugboard.api.ivr.IvrFiles;

/**
 * The IVR folder as managed files for REST and the web page. A write is validated by the catalog's own parser and
 * number check first; only valid content is written (to a hidden temporary file, then moved over the old one in one
 * step, so the watcher never sees half a file) and put in service at once.
 */
@Component(service = IvrFiles.class)
public class IvrFileStore implements IvrFiles {
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}");

    private final IvrCatalog catalog;
    private final Path dir;

    @Activate
    public IvrFileStore(@Reference Ivrs ivrs) {
        this(ivrs.catalog(), ivrs.dir());
    }

    IvrFileStore(IvrCatalog catalog, Path dir) {
        this.catalog = catalog;
        this.dir = dir;
    }

    @Override
    public List<IvrFile> list() {
        Map<String, IvrFault> faults = catalog.faults();
        List<IvrFile> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + IvrCatalog.SUFFIX)) {
            for (Path f : files) {
                if (!IvrCatalog.isIvrFile(f)) {
                    continue;
                }
                String name = IvrCatalog.nameOf(f);
                IvrFault fault = faults.get(name);
                try {
                    out.add(new IvrFile(name, Files.size(f), Files.getLastModifiedTime(f).toInstant(), fault == null,
                            fault == null ? null : fault.fault(), fault == null ? 0 : fault.line(),
                            fault == null ? 0 : fault.column()));
                } catch (NoSuchFileException e) {
                    // deleted while listing: not there any more
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("IVR folder " + dir + " cannot be read", e);
        }
        out.sort(java.util.Comparator.comparing(IvrFile::name));
        return out;
    }

    @Override
    public Optional<byte[]> read(String name) throws IOException {
        Path f = file(name);
        try {
            return Optional.of(Files.readAllBytes(f));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public synchronized boolean write(String name, byte[] content) throws IvrFileException, IOException {
        Path f = file(name);
        try {
            catalog.validate(name, content);
        } catch (IvrFault fault) {
            throw new IvrFileException(fault.line(), fault.column(), fault.fault());
        }
        boolean created = !Files.exists(f);
        Path tmp = dir.resolve("." + name + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.write(tmp, content);
            Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        catalog.load(f); // in service now, not only once the watcher notices
        return created;
    }

    @Override
    public synchronized boolean delete(String name) throws IOException {
        Path f = file(name);
        boolean existed = Files.deleteIfExists(f);
        if (existed) {
            catalog.remove(f);
        }
        return existed;
    }

    @Override
    public String schema() {
        try (InputStream in = XmlTree.class.getResourceAsStream("ivr.xsd")) {
            if (in == null) {
                throw new IllegalStateException("ivr.xsd is missing from the bundle");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path file(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not an IVR name: use 1 to 64 letters, digits, '.', '_' "
                    + "or '-', not starting with '.'");
        }
        return dir.resolve(name + IvrCatalog.SUFFIX);
    }
}
