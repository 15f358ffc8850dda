package org.plugboard.calls.internal;

import java.util.List;

import org.plugboard.api.routing.CallAdmission;
import org.plugboard.api.routing.Route;
import org.plugboard.api.routing.RouteRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link CallAdmission} services (trunk limits): asked once a call is routed, told once when it ends. A service
 * that throws admits the call: a broken plugin must not stop every call.
 */
final class Admissions {
    private static final Logger LOG = LoggerFactory.getLogger(Admissions.class);
    final Ranked<CallAdmission> services = new Ranked<>();

    /** @return the first refusal, or null when every service admits the call */
    CallAdmission.Refusal admit(String callId, RouteRequest request, Route route) {
        for (CallAdmission a : services.get()) {
            try {
                CallAdmission.Refusal refusal = a.admit(callId, request, route);
                if (refusal != null) {
                    return refusal;
                }
            } catch (RuntimeException e) {
                LOG.warn("Call admission {} failed for call {}; admitted", a.getClass().getName(), callId, e);
            }
        }
        return null;
    }

    /** Every service hears of the end, including those bound after the call was admitted (they ignore it). */
    void released(String callId) {
        for (CallAdmission a : services.get()) {
            try {
                a.released(callId);
            } catch (RuntimeException e) {
                LOG.warn("Call admission {} failed on the release of call {}", a.getClass().getName(), callId, e);
            }
        }
    }
}
