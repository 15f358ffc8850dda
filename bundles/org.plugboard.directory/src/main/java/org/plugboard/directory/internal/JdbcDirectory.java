package org.plugboard.directory.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.plugboard.api.directory.DigestAlgorithm;
import org.plugboard.api.directory.Directory;
import org.plugboard.api.directory.Extension;
import org.plugboard.api.directory.ImportResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directory on any JDBC DataSource (H2 by default, PostgreSQL for shared deployments). Reads
 * ({@link #find}, {@link #ha1}, {@link #list}, {@link #count}) answer from an in-memory {@link DirectoryView}
 * and never touch the database, so authentication and routing can run on a call's strand (DESIGN.md section 6).
 * Writes go to the database first; the view changes only once the transaction committed, so a failed write
 * leaves it as it was. Writes are serialized so the view gets them in commit order.
 *
 * <p>Limit: the view is loaded at activation and kept current by this node's writes only. Several PBX nodes
 * sharing one database each see the others' writes only after a restart (see docs/decisions.md).
 */
@Component(service = Directory.class, configurationPid = "org.plugboard.directory")
@Designate(ocd = DirectoryConfig.class)
public class JdbcDirectory implements Directory {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcDirectory.class);

    private final String realm;
    private final ExtensionRules rules;
    private final DirectoryStore store;
    private final DirectoryView view = new DirectoryView();
    private final Object writes = new Object();

    @Activate
    public JdbcDirectory(@Reference(name = "dataSource") DataSource dataSource, DirectoryConfig config) {
        this.realm = config.realm();
        this.rules = new ExtensionRules(realm, config.password_min_length());
        this.store = new DirectoryStore(dataSource, realm);
        store.migrate(getClass().getClassLoader());
        seedOnce(config.seed_csv());
        view.replaceAll(store.loadAll());
        LOG.info("Directory ready: realm '{}', {} extensions in memory", realm, count());
    }

    /** Imports the seed file into a database that has never been seeded, so deleted demo extensions stay deleted. */
    private void seedOnce(String seedCsv) {
        if (seedCsv == null || seedCsv.isBlank() || store.meta("seeded") != null) {
            return;
        }
        Path path = Path.of(seedCsv);
        if (Files.isReadable(path)) {
            try (Reader r = Files.newBufferedReader(path)) {
                ImportResult result = importCsv(r);
                LOG.info("Seeded the directory from {}: {} added, {} rejected", path, result.added(), result.rejected().size());
            } catch (IOException e) {
                LOG.warn("Could not read seed file {}: {}", path, e.toString());
                return;
            }
        } else {
            LOG.warn("Seed file {} is not readable; no extensions seeded", path);
        }
        store.setMeta("seeded", path.toString());
    }

    @Override
    public String realm() {
        return realm;
    }

    @Override
    public Optional<Extension> find(String number) {
        return view.find(number);
    }

    @Override
    public List<Extension> list() {
        return view.list();
    }

    @Override
    public int count() {
        return view.count();
    }

    @Override
    public Optional<String> ha1(String number, DigestAlgorithm algorithm) {
        return view.ha1(number, algorithm);
    }

    @Override
    public Extension add(String number, String displayName, String password) {
        ExtensionRules.checkNumber(number);
        rules.checkPassword(number, password);
        String name = ExtensionRules.checkName(displayName, number);
        synchronized (writes) {
            DirectoryView.Entry entry = store.insert(new Extension(number, name, 1), rules.ha1(number, password));
            view.put(entry);
            return entry.extension();
        }
    }

    @Override
    public boolean remove(String number) {
        synchronized (writes) {
            boolean removed = store.delete(number);
            view.remove(number); // also when the row was already gone (removed by another node)
            return removed;
        }
    }

    @Override
    public void setPassword(String number, String password) {
        rules.checkPassword(number, password);
        synchronized (writes) {
            view.put(store.setCredentials(number, rules.ha1(number, password)));
        }
    }

    @Override
    public void setDisplayName(String number, String displayName) {
        String name = ExtensionRules.checkName(displayName, number);
        synchronized (writes) {
            view.put(store.setDisplayName(number, name));
        }
    }

    @Override
    public void setMaxDevices(String number, int maxDevices) {
        ExtensionRules.checkMaxDevices(maxDevices);
        synchronized (writes) {
            view.put(store.setMaxDevices(number, maxDevices));
        }
    }

    @Override
    public ImportResult importCsv(Reader csv) {
        CsvImport.Parsed parsed = CsvImport.parse(csv, rules);
        synchronized (writes) {
            DirectoryStore.Imported imported = store.importRows(parsed.rows());
            view.replaceAll(imported.all()); // the whole directory as committed, other nodes' writes included
            int updated = imported.updated();
            return new ImportResult(parsed.rows().size() - updated, updated, parsed.rejected());
        }
    }
}
