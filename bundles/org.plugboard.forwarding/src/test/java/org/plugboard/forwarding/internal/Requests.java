package org.plugboard.forwarding.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.plugboard.api.service.DetectionPoint;
import org.plugboard.api.service.Diversion;
import org.plugboard.api.service.ServiceRequest;

/** A request as the PBX would pass it at a detection point (test code only: the PBX implements the real one). */
record Requests(DetectionPoint point, String servedUser, String caller, String dialled, String sourceProfile,
        List<Diversion> diversions) implements ServiceRequest {

    /** A call from 1001 to {@code callee}, at a terminating point. */
    static Requests at(DetectionPoint point, String callee) {
        return new Requests(point, callee, "1001", callee, "default", List.of());
    }

    /** {@code caller} (a phone) dialled {@code number}: the ORIGINATING point. */
    static Requests dialled(String caller, String number) {
        return new Requests(DetectionPoint.ORIGINATING, caller, caller, number, "default", List.of());
    }

    Requests fromProfile(String profile) {
        return new Requests(point, servedUser, caller, dialled, profile, diversions);
    }

    @Override
    public String callId() {
        return "c1";
    }

    @Override
    public boolean callerAnonymous() {
        return false;
    }

    @Override
    public String callee() {
        return servedUser;
    }

    @Override
    public int failureStatus() {
        return point == DetectionPoint.BUSY ? 486 : point == DetectionPoint.UNREACHABLE ? 480 : 0;
    }

    @Override
    public Instant time() {
        return Instant.parse("2026-12-01T10:00:00Z");
    }

    @Override
    public Optional<String> header(String name) {
        return Optional.empty();
    }
}
