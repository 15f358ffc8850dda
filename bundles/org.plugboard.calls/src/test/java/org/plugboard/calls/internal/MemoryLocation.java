package org.plugboard.calls.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.plugboard.api.location.Binding;
import org.plugboard.api.location.LocationService;

/** Registrations held in memory: a test registers phones as their REGISTER would. */
final class MemoryLocation implements LocationService {
    private final List<Binding> bindings = new ArrayList<>();
    private final Clock clock;

    MemoryLocation(Clock clock) {
        this.clock = clock;
    }

    /** The phone registered as {@code extension} from its own address (no NAT), for an hour. */
    void register(String extension, Phone phone) {
        bindings.add(0, new Binding(extension, phone.contact(), clock.instant().plus(Duration.ofHours(1)), "reg-" + phone.user + "@" + phone.host,
                1, phone.host + ":" + phone.port, "UDP", "test phone", ""));
    }

    @Override
    public List<Binding> lookup(String extension) {
        return bindings.stream().filter(b -> b.extension().equals(extension)).filter(b -> b.expiresAt().isAfter(clock.instant())).toList();
    }

    @Override
    public List<Binding> all() {
        List<Binding> all = new ArrayList<>(bindings);
        all.sort(Comparator.comparing(Binding::extension));
        return all;
    }
}
