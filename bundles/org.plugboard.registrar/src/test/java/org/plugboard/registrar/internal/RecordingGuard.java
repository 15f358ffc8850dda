package org.plugboard.registrar.internal;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import org.plugboard.api.security.AuthFailureGuard;
import org.plugboard.api.security.Ban;

/** A test guard that never bans and records what it is told. */
final class RecordingGuard implements AuthFailureGuard {
    final List<InetAddress> failures = new ArrayList<>();
    final List<InetAddress> successes = new ArrayList<>();

    @Override
    public boolean isBanned(InetAddress source) {
        return false;
    }

    @Override
    public void recordFailure(InetAddress source) {
        failures.add(source);
    }

    @Override
    public void recordSuccess(InetAddress source) {
        successes.add(source);
    }

    @Override
    public List<Ban> bans() {
        return List.of();
    }

    @Override
    public boolean lift(String address) {
        return false;
    }

    @Override
    public int liftAll() {
        return 0;
    }
}
