package org.plugboard.api.handover;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Keeps live state across a {@code bundle:update} of the bundle that owns it. The owner deposits its state when
 * it is deactivated and its next version collects it when activated. Values must be of classes that outlive the
 * owner's class loader: JDK types, the API and {@code javax.sip} types; never the owner's own classes.
 * Deposits nobody collects within the keep time are dropped with a warning.
 */
@ProviderType
public interface HandoverStore {
    /** Adds the states (one map per item, e.g. per call) for the owner's next version. */
    void deposit(String owner, List<Map<String, Object>> states);

    /** Takes every state the owner deposited, oldest first; empty when there is none. */
    List<Map<String, Object>> collect(String owner);
}
