package org.plugboard.operator.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** The operator settings (PID {@code org.plugboard.operator}), shared by the bundle's components. */
@ObjectClassDefinition(name = "Plugboard operator", description = "Barge-in, listen and override codes for extensions with the "
        + "operator permission. A code starts with * or #, the target extension follows it; empty: no code for that action.")
public @interface OperatorConfig {
    String PID = "org.plugboard.operator";

    @AttributeDefinition(description = "Barge in on an extension's call and talk: <code><ext>")
    String code_barge() default "*88";

    @AttributeDefinition(description = "Listen to an extension's call without being heard: <code><ext>")
    String code_listen() default "*89";

    @AttributeDefinition(description = "Override: ring the extension past DND, forwarding and busy treatment: <code><ext>")
    String code_override() default "*87";

    @AttributeDefinition(description = "The parties hear a warning beep when an operator barges in or listens")
    boolean warningTone() default true;

    @AttributeDefinition(description = "Override of an extension in an answered call: barge (talk to both parties) or hold "
            + "(talk to the extension only, the other party is held)", options = {@Option(label = "barge", value = "barge"),
                    @Option(label = "hold", value = "hold")})
    String overrideBusy() default "barge";

    @AttributeDefinition(description = "How long an operator hears the busy tone when the extension is in no call, in milliseconds")
    int noCallToneMillis() default 1500;

    @AttributeDefinition(description = "Filter of the DataSource the permissions are stored in")
    String dataSource_target() default "(dataSourceName=plugboard)";
}
