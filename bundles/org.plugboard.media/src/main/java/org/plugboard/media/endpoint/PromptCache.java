package org.plugboard.media.endpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.MediaFileException;
import org.plugboard.media.audio.Audio;
import org.plugboard.media.audio.WavReader;

/**
 * Prompts read once and shared by every leg that plays them, up to a total size (least recently played dropped
 * first). Each play checks the file's size and modification time, so a prompt an admin replaces is read again.
 * Blocking file I/O: the engine's I/O executor calls it.
 */
final class PromptCache {
    private record Entry(long size, long modified, Audio audio) {
    }

    private final long maxBytes;
    private final Map<Path, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;
    private long reads;

    PromptCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    Audio get(Path file) throws MediaException {
        Path key = file.toAbsolutePath().normalize();
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(key, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new MediaFileException(file, "prompt " + file + " does not exist");
        } catch (IOException e) {
            throw new MediaFileException(file, "prompt " + file + " cannot be read: " + e, e);
        }
        if (!attributes.isRegularFile()) {
            throw new MediaFileException(file, "prompt " + file + " is not a regular file");
        }
        long modified = attributes.lastModifiedTime().toMillis();
        synchronized (this) {
            Entry e = entries.get(key);
            if (e != null && e.size() == attributes.size() && e.modified() == modified) {
                return e.audio();
            }
        }
        Audio audio = WavReader.read(key);
        synchronized (this) {
            reads++;
            Entry old = entries.put(key, new Entry(attributes.size(), modified, audio));
            bytes += audio.data().length - (old == null ? 0 : old.audio().data().length);
            Iterator<Entry> it = entries.values().iterator();
            while (bytes > maxBytes && it.hasNext()) {
                Entry oldest = it.next();
                if (oldest.audio() != audio) {
                    bytes -= oldest.audio().data().length;
                    it.remove();
                }
            }
        }
        return audio;
    }

    /** Files read from the disk so far (a play served from memory reads none). */
    synchronized long reads() {
        return reads;
    }
}
