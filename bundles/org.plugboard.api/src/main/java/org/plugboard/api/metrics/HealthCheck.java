package org.plugboard.api.metrics;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One named part of the PBX that can be up or down (SIP listening, the database, a media engine). The metrics
 * bundle asks every registered check on each {@code /health} request, off any call's strand; a check may take a
 * short bounded time (a database ping with a timeout), never longer.
 */
@ConsumerType
public interface HealthCheck {
    /** Service property (String): the check's name in {@code /health}, e.g. {@code sip}. Required. */
    String NAME = "plugboard.health.name";

    Health check();
}
