package com.example.businesshours.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.plugboard.api.service.DetectionPoint;
import org.plugboard.api.service.Diversion;
import org.plugboard.api.service.ServiceRequest;

/** A request as the PBX would pass it at a detection point, at the instant of a fixed clock. */
record Requests(DetectionPoint point, String servedUser, List<Diversion> diversions, Instant time)
        implements ServiceRequest {

    static Requests routedTo(String extension, Clock clock) {
        return new Requests(DetectionPoint.ROUTED, extension, List.of(), clock.instant());
    }

    Requests at(DetectionPoint other) {
        return new Requests(other, servedUser, diversions, time);
    }

    Requests divertedBy(Diversion d) {
        return new Requests(point, servedUser, List.of(d), time);
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
    public String dialled() {
        return servedUser;
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
    public int failureStatus() {
        return 0;
    }

    @Override
    public Optional<String> header(String name) {
        return Optional.empty();
    }
}
