package org.plugboard.api.service;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A call service (screening, forwarding, DND, business hours...): asked at the detection points it names in
 * {@link #POINTS}, on the call's strand, in the order of the {@link ServicePlan}. Answer from memory within the
 * configured time budget and never block: a service that throws is skipped (counted and logged) and the call goes
 * on; one that overruns the budget is counted and logged, and its outcome stands. Keep no call state that a bundle
 * update would lose.
 *
 * <p>Service properties: {@link #NAME} (required: what plans refer to), {@link #POINTS} (required).
 */
@ConsumerType
public interface CallService {
    /** Service property: the service's name in plans, e.g. {@code forwarding}. */
    String NAME = "plugboard.service.name";
    /** Service property: the {@link DetectionPoint} names the service is asked at. */
    String POINTS = "plugboard.service.points";

    Outcome handle(ServiceRequest request);
}
