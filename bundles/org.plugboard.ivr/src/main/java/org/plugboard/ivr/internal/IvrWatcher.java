package org.plugboard.ivr.internal;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the IVR directory on a thread of its own and reports each changed {@code *.xml} once the directory has
 * been quiet for the debounce time (an editor's save is often several events: truncate, write, rename). A file that
 * exists then is {@code changed}, one that does not is {@code deleted}. An overflow reloads every file.
 */
final class IvrWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IvrWatcher.class);

    private final Path dir;
    private final Duration debounce;
    private final Consumer<Path> changed;
    private final Consumer<Path> deleted;
    private final Runnable overflow;
    private final WatchService watcher;
    private final Thread thread;

    IvrWatcher(Path dir, Duration debounce, Consumer<Path> changed, Consumer<Path> deleted, Runnable overflow) throws IOException {
        this.dir = dir;
        this.debounce = debounce;
        this.changed = changed;
        this.deleted = deleted;
        this.overflow = overflow;
        this.watcher = dir.getFileSystem().newWatchService();
        dir.register(watcher, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
        this.thread = new Thread(this::run, "plugboard-ivr-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (true) {
                Set<Path> pending = new LinkedHashSet<>();
                boolean overflowed = drain(watcher.take(), pending);
                for (WatchKey key; (key = watcher.poll(debounce.toMillis(), TimeUnit.MILLISECONDS)) != null;) {
                    overflowed |= drain(key, pending);
                }
                if (overflowed) {
                    overflow.run();
                    continue;
                }
                for (Path file : pending) {
                    try {
                        (Files.exists(file) ? changed : deleted).accept(file);
                    } catch (RuntimeException e) {
                        LOG.error("IVR file {}: reload failed", file, e);
                    }
                }
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            LOG.debug("IVR watcher of {} stopped", dir);
        }
    }

    private boolean drain(WatchKey key, Set<Path> pending) {
        boolean overflowed = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == OVERFLOW) {
                overflowed = true;
            } else if (event.context() instanceof Path p && IvrCatalog.isIvrFile(p)) {
                pending.add(dir.resolve(p));
            }
        }
        key.reset();
        return overflowed;
    }

    @Override
    public void close() {
        try {
            watcher.close();
        } catch (IOException e) {
            LOG.debug("IVR watcher of {}: {}", dir, e.toString());
        }
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
