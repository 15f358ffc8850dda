package org.plugboard.calls.internal;

import java.util.List;
import java.util.Set;

import org.plugboard.api.service.DetectionPoint;

/** The console's view of the call-service layer: what is registered and how it behaved. Not exported. */
public interface CallServiceStats {
    /** One registered call service and its counters since this bundle started. */
    record Row(String name, Set<DetectionPoint> points, int ranking, long asked, long failed, long overran) {
    }

    List<Row> services();

    /** The configured order ({@code services} of org.plugboard.calls); empty: by ranking. */
    List<String> configuredOrder();
}
