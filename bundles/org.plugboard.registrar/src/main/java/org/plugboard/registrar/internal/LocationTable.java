package org.plugboard.registrar.internal;

import java.util.List;
import java.util.Map;

import org.plugboard.api.location.Binding;

/** The durable side of the location service, as {@link GroupCommit} sees it. */
interface LocationTable {
    /**
     * Replaces the stored bindings of every extension in {@code batch} with the given ones (an empty list removes
     * them all), in one transaction. When it returns, the batch is committed and survives a kill -9 of the PBX;
     * when it throws, nothing of it is.
     */
    void write(Map<String, List<Binding>> batch) throws Exception;
}
