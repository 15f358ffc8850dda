package org.plugboard.screening.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.plugboard.api.service.DetectionPoint;
import org.plugboard.api.service.Diversion;
import org.plugboard.api.service.ServiceRequest;

/** A request as the PBX would pass it at a detection point (test code only). */
record Requests(DetectionPoint point, String servedUser, String caller, boolean callerAnonymous, String dialled)
        implements ServiceRequest {

    /** At ORIGINATING: the caller is the served user. */
    static Requests originating(String caller, String dialled) {
        return new Requests(DetectionPoint.ORIGINATING, caller, caller, false, dialled);
    }

    /** At ROUTED to the extension {@code callee}, dialled as such. */
    static Requests routed(String caller, String callee) {
        return new Requests(DetectionPoint.ROUTED, callee, caller, false, callee);
    }

    /** The same call with the caller's identity withheld (From anonymous: no number known). */
    Requests anonymous() {
        return new Requests(point, point == DetectionPoint.ORIGINATING ? "anonymous" : servedUser, "anonymous", true, dialled);
    }

    /** The same call with {@code Privacy: id}: the PBX still knows the number. */
    Requests privacyId() {
        return new Requests(point, servedUser, caller, true, dialled);
    }

    Requests at(DetectionPoint other) {
        return new Requests(other, servedUser, caller, callerAnonymous, dialled);
    }

    @Override
    public String callId() {
        return "c1";
    }

    @Override
    public String callee() {
        return point == DetectionPoint.ORIGINATING ? dialled : servedUser;
    }

    @Override
    public String sourceProfile() {
        return "default";
    }

    @Override
    public List<Diversion> diversions() {
        return List.of();
    }

    @Override
    public int failureStatus() {
        return 0;
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
