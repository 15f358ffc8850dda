package org.plugboard.sip.internal;

import org.osgi.service.component.ComponentServiceObjects;

/**
 * A whiteboard service fetched on first use rather than at bind time. Handlers reference SipService and SipService
 * binds every handler: fetching lazily means neither activation waits on the other, whatever order SCR picks.
 */
final class Lazy<S> implements Whiteboards.Handle<S> {
    private final ComponentServiceObjects<S> objects;
    private volatile S service;

    Lazy(ComponentServiceObjects<S> objects) {
        this.objects = objects;
    }

    @Override
    public S get() {
        S s = service;
        if (s == null) {
            synchronized (this) {
                s = service;
                if (s == null) {
                    s = objects.getService();
                    service = s;
                }
            }
        }
        return s;
    }

    /** Gives the service back when it is unbound. */
    @Override
    public void release() {
        S s = service;
        service = null;
        if (s != null) {
            try {
                objects.ungetService(s);
            } catch (IllegalStateException | IllegalArgumentException e) {
                // the providing bundle is already gone
            }
        }
    }
}
