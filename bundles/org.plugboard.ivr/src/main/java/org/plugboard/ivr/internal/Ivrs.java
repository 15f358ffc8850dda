package org.plugboard.ivr.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The IVR files of {@code <karaf.etc>/ivr} (or {@code directory}): all loaded at activation into the
 * {@link IvrCatalog}, then kept current by an {@link IvrWatcher}. What the router, the application and the console
 * commands share.
 */
@Component(service = Ivrs.class, configurationPid = Ivrs.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = Ivrs.Config.class)
public class Ivrs {
    static final String PID = "org.plugboard.ivr";
    private static final Logger LOG = LoggerFactory.getLogger(Ivrs.class);

    @ObjectClassDefinition(name = "Plugboard IVR", description = "Where IVR-XML files are read from, and their limits")
    public @interface Config {
        @AttributeDefinition(name = "directory", description = "Folder of the IVR files (*.xml); empty: <karaf.etc>/ivr", required = false)
        String directory() default "";

        @AttributeDefinition(name = "max.file.bytes", description = "Larger IVR files are refused", min = "1024")
        long max_file_bytes() default 1024 * 1024;

        @AttributeDefinition(name = "reload.debounce.ms", description = "A changed file is reloaded once the folder was quiet this long",
                min = "10")
        long reload_debounce_ms() default 300;
    }

    private final Path dir;
    private final IvrCatalog catalog;
    private final IvrWatcher watcher;

    @Activate
    public Ivrs(Config config) throws IOException {
        this.dir = directory(config.directory());
        this.catalog = new IvrCatalog(new IvrParser(new XmlTree(), config.max_file_bytes()), Clock.systemUTC());
        Files.createDirectories(dir);
        catalog.loadAll(dir);
        this.watcher = new IvrWatcher(dir, Duration.ofMillis(config.reload_debounce_ms()), catalog::load, catalog::remove,
                () -> catalog.loadAll(dir));
        LOG.info("IVR files of {}: {} in service, {} refused; watching for changes", dir, catalog.entries().size(),
                catalog.faults().size());
    }

    @Deactivate
    void deactivate() {
        watcher.close();
    }

    static Path directory(String configured) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("karaf.etc", "etc")).resolve("ivr");
    }

    IvrCatalog catalog() {
        return catalog;
    }

    Path dir() {
        return dir;
    }
}
