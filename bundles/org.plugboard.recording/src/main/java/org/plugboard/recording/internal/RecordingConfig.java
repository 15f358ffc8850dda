package org.plugboard.recording.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The recording settings (PID {@code org.plugboard.recording}), shared by the bundle's components. */
@ObjectClassDefinition(name = "Plugboard call recording", description = "Where and how calls are recorded, quota, retention, "
        + "the on-demand code and the site default policy")
public @interface RecordingConfig {
    String PID = "org.plugboard.recording";

    @AttributeDefinition(description = "Directory of the recordings (<yyyy>/<MM>/<dd>/<call>-<time>.wav below it); "
            + "empty: ${karaf.data}/recordings")
    String directory() default "";

    @AttributeDefinition(description = "mixed (mono, both parties summed) or stereo (caller left, callee right)")
    String layout() default "mixed";

    @AttributeDefinition(description = "Longest recording in minutes, 0 = no limit")
    int maxMinutes() default 240;

    @AttributeDefinition(description = "Megabytes all recordings may take; over it new recordings are skipped. 0 = no limit")
    long quotaMegabytes() default 0;

    @AttributeDefinition(description = "Recordings older than this many days are deleted (daily and at start). 0 = keep")
    int retentionDays() default 90;

    @AttributeDefinition(description = "Both parties hear a warning beep when a recording starts")
    boolean announce() default false;

    @AttributeDefinition(description = "DTMF code a party presses during a call to start or stop an on-demand recording "
            + "(its digits within 2 s); empty: no code")
    String toggleCode() default "*1";

    @AttributeDefinition(description = "Mode when no extension, group, line, trunk or site policy is stored: always, never "
            + "or on-demand")
    String defaultPolicy() default "on-demand";

    @AttributeDefinition(description = "Filter of the DataSource the policies and the recordings' rows are stored in")
    String dataSource_target() default "(dataSourceName=plugboard)";
}
