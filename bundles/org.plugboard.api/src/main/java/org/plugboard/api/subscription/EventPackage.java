package org.plugboard.api.subscription;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * An event package (RFC 6665 section 7): what subscriptions to one event report. The PBX's subscription layer owns
 * the SUBSCRIBE/NOTIFY dialogs (authentication, expiry, refresh, NOTIFY sending and retries); a package only knows
 * its resources: who may watch them, what their state is, and when it changed.
 * <p>
 * Register one as an OSGi service. The layer calls it on its own thread: answer from memory, never block (no I/O,
 * no database, no locks another thread holds long). Several services with the same {@link #event()}: the one with the
 * highest {@code service.ranking} serves it.
 */
@ConsumerType
public interface EventPackage {
    /** Whether a subscriber may watch a resource. */
    enum Access {
        /** Subscribe. */
        ALLOWED,
        /** No such resource: the SUBSCRIBE gets 404. */
        NO_SUCH_RESOURCE,
        /** The resource exists but this subscriber may not watch it: 403. */
        FORBIDDEN
    }

    /** The event package name as in the Event header, e.g. {@code dialog} or {@code message-summary}. */
    String event();

    /** The type of the bodies {@link #body} writes, e.g. {@code application/dialog-info+xml}. */
    String contentType();

    /**
     * @param subscriber the authenticated extension that subscribes
     * @param resource   the user part of the SUBSCRIBE's Request-URI, e.g. {@code 1002}
     */
    Access authorize(String subscriber, String resource);

    /** The resource's current state, the body of the next NOTIFY of {@code watch}'s subscription (full state). */
    byte[] body(Watch watch);

    /**
     * The layer starts using this package: from now on report each change of a resource to {@code changes}, from any
     * thread. Called again with a new object when the layer is replaced (its bundle updated).
     */
    void open(ResourceChanges changes);

    /** The layer stops using this package: {@code changes} will not be read any more. */
    default void close(ResourceChanges changes) {
    }
}
