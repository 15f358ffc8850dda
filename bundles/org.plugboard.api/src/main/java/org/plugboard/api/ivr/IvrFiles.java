package org.plugboard.api.ivr;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The IVR files the IVR application serves, as files an admin manages. Names are the file names without
 * {@code .xml}: letters, digits, '.', '_' and '-', 1 to 64 characters, not starting with '.'. Nothing here runs
 * on a call's strand (it reads and writes files).
 */
@ProviderType
public interface IvrFiles {
    /** Every IVR file, sorted by name. */
    List<IvrFile> list();

    /** The file's content, empty when there is none of that name. */
    Optional<byte[]> read(String name) throws IOException;

    /**
     * Validates the content exactly as a file placed in the folder would be and, only when valid, writes it (whole,
     * never half) and puts it in service; an invalid one changes nothing.
     *
     * @return true when the file is new, false when it replaced one
     * @throws IvrFileException the content is refused, with the fault's line and column
     * @throws IllegalArgumentException the name is not a valid IVR name
     */
    boolean write(String name, byte[] content) throws IvrFileException, IOException;

    /** Deletes the file (its IVR leaves service; live calls finish on it); false when there was none. */
    boolean delete(String name) throws IOException;

    /** The XML schema (XSD) IVR files follow. */
    String schema();
}
