package org.plugboard.api.trace;

import java.util.Collection;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The SIP trace: messages are kept only while it is on (and match the trace filter of {@code pbx:sip-trace}), in
 * bounded memory: the oldest calls are forgotten first.
 */
@ProviderType
public interface SipTraceService {
    boolean enabled();

    /** Switches the trace now (like {@code pbx:sip-trace on|off}), without changing the stored configuration. */
    void setEnabled(boolean on);

    /** The kept messages of these Call-IDs (a call's legs), oldest first; empty when none are kept. */
    List<TracedMessage> messages(Collection<String> callIds);
}
