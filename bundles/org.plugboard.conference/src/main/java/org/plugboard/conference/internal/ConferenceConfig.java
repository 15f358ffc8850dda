package org.plugboard.conference.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The conference settings (PID {@code org.plugboard.conference}), shared by the bundle's components. */
@ObjectClassDefinition(name = "Plugboard conference", description = "Meet-me rooms: PIN entry and the database")
public @interface ConferenceConfig {
    String PID = "org.plugboard.conference";

    @AttributeDefinition(description = "Wrong PINs that end the call (403)")
    int pin_attempts() default 3;

    @AttributeDefinition(description = "Seconds to wait for the first digit of the PIN")
    int pin_timeout_seconds() default 10;

    @AttributeDefinition(description = "Members of a room added without --max")
    int default_max_members() default 10;

    @AttributeDefinition(description = "How long a caller refused by a full room hears the busy tone, in milliseconds")
    int full_tone_millis() default 2000;

    @AttributeDefinition(description = "Filter of the DataSource the rooms are stored in")
    String dataSource_target() default "(dataSourceName=plugboard)";
}
