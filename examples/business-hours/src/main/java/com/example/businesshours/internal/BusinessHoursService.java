package com.example.businesshours.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.plugboard.api.service.CallService;
import org.plugboard.api.service.Outcome;
import org.plugboard.api.service.ServiceRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The business-hours call service, asked by the PBX when a call has been routed to an extension. It exists only
 * while its configuration ({@code etc/com.example.businesshours.cfg}) does, so installing the bundle alone sends no
 * call anywhere; a change to the configuration applies to the next call.
 */
@Component(configurationPid = BusinessHoursService.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = {CallService.NAME + "=" + BusinessHoursService.NAME, CallService.POINTS + "=ROUTED"})
@Designate(ocd = BusinessHoursService.Config.class)
public class BusinessHoursService implements CallService {
    static final String PID = "com.example.businesshours";
    static final String NAME = "business-hours";
    private static final Logger LOG = LoggerFactory.getLogger(BusinessHoursService.class);

    @ObjectClassDefinition(name = "Business hours (example plugin)",
            description = "Calls routed to the listed extensions outside opening hours go to the target number")
    public @interface Config {
        @AttributeDefinition(description = "Open days: MON..SUN and ranges, comma separated, e.g. MON-FRI,SAT")
        String[] days() default {"MON-FRI"};

        @AttributeDefinition(description = "Opening time, HH:MM")
        String open() default "09:00";

        @AttributeDefinition(description = "Closing time, HH:MM; not after the opening time: the period ends the next day")
        String close() default "17:00";

        @AttributeDefinition(description = "Time zone of the hours, e.g. Europe/Paris; empty: the PBX's own")
        String timezone() default "";

        @AttributeDefinition(description = "Extensions the rule applies to, comma separated; empty: every routed call")
        String[] extensions() default {};

        @AttributeDefinition(description = "The number calls go to outside opening hours, e.g. 1003 (required)")
        String target();
    }

    private volatile BusinessHoursRule rule;

    @Activate
    public BusinessHoursService(Config config) {
        rule = rule(config);
        LOG.info("Business hours: {}", rule);
    }

    @Modified
    void modified(Config config) {
        rule = rule(config);
        LOG.info("Business hours changed: {}", rule);
    }

    @Override
    public Outcome handle(ServiceRequest request) {
        return rule.decide(request);
    }

    private static BusinessHoursRule rule(Config config) {
        OpeningHours hours = OpeningHours.parse(config.days(), config.open(), config.close(), config.timezone());
        return new BusinessHoursRule(hours, OpeningHours.items(config.extensions()), config.target());
    }
}
