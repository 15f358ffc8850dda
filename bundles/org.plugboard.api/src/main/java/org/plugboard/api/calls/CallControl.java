package org.plugboard.api.calls;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** The live calls of the B2BUA, for consoles and the web page. */
@ProviderType
public interface CallControl {
    List<CallInfo> calls();

    Optional<CallInfo> call(String id);

    /** Releases a call from outside (BYE or CANCEL toward every leg); false when there is no such call. */
    boolean hangup(String id, CallTag tag);
}
