package org.plugboard.groups.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.plugboard.api.service.DetectionPoint;
import org.plugboard.api.service.Diversion;
import org.plugboard.api.service.ServiceRequest;

/** A request as the PBX would pass it at a terminating detection point (test code only). */
record Requests(DetectionPoint point, String servedUser, String dialled, List<Diversion> diversions, int failureStatus)
        implements ServiceRequest {

    /** A call from 1001 dialled to {@code number}, at {@code point}, not forwarded. */
    static Requests at(DetectionPoint point, String number) {
        return new Requests(point, number, number, List.of(), point == DetectionPoint.BUSY ? 486
                : point == DetectionPoint.UNREACHABLE ? 480 : 0);
    }

    /** The same point, the call having been forwarded along these hops first (dialled = the first hop's origin). */
    static Requests forwarded(DetectionPoint point, Diversion... hops) {
        Diversion last = hops[hops.length - 1];
        return new Requests(point, last.to(), hops[0].from(), List.of(hops), 0);
    }

    @Override
    public String callId() {
        return "c1";
    }

    @Override
    public String caller() {
        return "1001";
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
    public String sourceProfile() {
        return "default";
    }

    @Override
    public Instant time() {
        return Instant.EPOCH;
    }

    @Override
    public Optional<String> header(String name) {
        return Optional.empty();
    }
}
