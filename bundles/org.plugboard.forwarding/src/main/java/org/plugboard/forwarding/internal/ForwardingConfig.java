package org.plugboard.forwarding.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Plugboard call forwarding", description = "Defaults and feature codes of call forwarding "
        + "(pbx-forwarding). The targets themselves are per extension: pbx:fwd-set or the codes below, dialled from a phone.")
public @interface ForwardingConfig {
    String PID = "org.plugboard.forwarding";

    @AttributeDefinition(name = "No-answer timeout", description = "Seconds an extension rings before forwarding on no "
            + "answer, when it set no time of its own (1-3600). The B2BUA's ring.timeout still ends ringing first if shorter.")
    int no_answer_timeout() default 20;

    @AttributeDefinition(name = "Set unconditional", description = "Feature code + target number, e.g. *721003; empty: no code")
    String code_cfu_set() default "*72";

    @AttributeDefinition(name = "Clear unconditional", description = "Feature code alone; empty: no code")
    String code_cfu_clear() default "*73";

    @AttributeDefinition(name = "Set on busy", description = "Feature code + target number; empty: no code")
    String code_cfb_set() default "*90";

    @AttributeDefinition(name = "Clear on busy", description = "Feature code alone; empty: no code")
    String code_cfb_clear() default "*91";

    @AttributeDefinition(name = "Set on no answer", description = "Feature code + target number, optionally *seconds, "
            + "e.g. *921003*15; empty: no code")
    String code_cfnr_set() default "*92";

    @AttributeDefinition(name = "Clear on no answer", description = "Feature code alone; empty: no code")
    String code_cfnr_clear() default "*93";

    @AttributeDefinition(name = "Set when unreachable", description = "Feature code + target number; empty: no code")
    String code_cfnrc_set() default "*94";

    @AttributeDefinition(name = "Clear when unreachable", description = "Feature code alone; empty: no code")
    String code_cfnrc_clear() default "*95";

    @AttributeDefinition(name = "Clear all forwarding", description = "Feature code alone; empty: no code")
    String code_clear_all() default "*74";
}
