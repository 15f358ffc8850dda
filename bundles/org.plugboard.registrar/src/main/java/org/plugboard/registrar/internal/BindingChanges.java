package org.plugboard.registrar.internal;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.plugboard.api.location.Binding;
import org.plugboard.api.location.RegistrationListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one change of an extension's bindings tells the listeners: contacts that are new are added, contacts that are
 * gone are removed; a contact in both (a refresh) is neither. A failing listener is logged and skipped.
 */
final class BindingChanges {
    private static final Logger LOG = LoggerFactory.getLogger(BindingChanges.class);

    private BindingChanges() {
    }

    static void tell(List<RegistrationListener> listeners, List<Binding> before, List<Binding> after) {
        if (listeners.isEmpty() || before.equals(after)) {
            return;
        }
        Set<String> was = before.stream().map(Binding::contact).collect(Collectors.toSet());
        Set<String> is = after.stream().map(Binding::contact).collect(Collectors.toSet());
        for (Binding b : before) {
            if (!is.contains(b.contact())) {
                listeners.forEach(l -> call(l, b, false));
            }
        }
        for (Binding b : after) {
            if (!was.contains(b.contact())) {
                listeners.forEach(l -> call(l, b, true));
            }
        }
    }

    private static void call(RegistrationListener listener, Binding b, boolean added) {
        try {
            if (added) {
                listener.added(b);
            } else {
                listener.removed(b);
            }
        } catch (RuntimeException e) {
            LOG.warn("Registration listener {} failed on {} of {}: {}", listener.getClass().getName(),
                    added ? "added" : "removed", b.contact(), e.toString());
        }
    }
}
