package org.plugboard.metrics.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = HealthConfig.PID, name = "Plugboard health",
        description = "What /health requires and how long each check may take.")
public @interface HealthConfig {
    String PID = "org.plugboard.metrics.health";

    @AttributeDefinition(name = "Required checks",
            description = "Checks that must be registered and up; a missing one fails /health. Others count when present.")
    String[] required_checks() default {"sip", "database", "media"};

    @AttributeDefinition(name = "Time limit (ms)", min = "100", description = "A check slower than this is reported down.")
    long timeout_ms() default 2000;
}
