package org.plugboard.dnd.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.plugboard.api.service.DetectionPoint;
import org.plugboard.api.service.Diversion;
import org.plugboard.api.service.ServiceRequest;

/** A request as the PBX would pass it (test code only: the PBX implements ServiceRequest). */
record Requests(String callId, DetectionPoint point, String caller, String dialled, String callee, String sourceProfile)
        implements ServiceRequest {

    /** The caller's point for a call from a phone. */
    static Requests originating(String callId, String caller, String dialled) {
        return new Requests(callId, DetectionPoint.ORIGINATING, caller, dialled, dialled, CallRules.PHONES);
    }

    /** The callee's point once the call was routed to {@code callee}. */
    static Requests routed(String callId, String caller, String callee) {
        return new Requests(callId, DetectionPoint.ROUTED, caller, callee, callee, CallRules.PHONES);
    }

    Requests from(String profile) {
        return new Requests(callId, point, caller, dialled, callee, profile);
    }

    Requests at(DetectionPoint other) {
        return new Requests(callId, other, caller, dialled, callee, sourceProfile);
    }

    @Override
    public String servedUser() {
        return point == DetectionPoint.ORIGINATING ? caller : callee;
    }

    @Override
    public boolean callerAnonymous() {
        return false;
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
