package org.plugboard.dnd.internal;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.plugboard.api.service.CallService;
import org.plugboard.api.service.Outcome;
import org.plugboard.api.service.ServiceRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code dnd} call service: do-not-disturb, call waiting and call limits per extension, and the feature codes
 * that set them from a phone. Asked at ORIGINATING (the caller) and ROUTED (the callee); decides from memory
 * ({@link CallRules}). Works without a configuration file (the default codes); {@code etc/org.plugboard.dnd.cfg}
 * changes the codes live.
 */
@Component(configurationPid = DndService.PID,
        property = {CallService.NAME + "=" + DndService.NAME, CallService.POINTS + "=ORIGINATING", CallService.POINTS + "=ROUTED"})
@Designate(ocd = DndService.Config.class)
public class DndService implements CallService {
    static final String PID = "org.plugboard.dnd";
    static final String NAME = "dnd";
    private static final Logger LOG = LoggerFactory.getLogger(DndService.class);
    private static final long WARN_EVERY_MS = 60_000;

    @ObjectClassDefinition(name = "Plugboard DND, call waiting and call limits",
            description = "Feature codes dialled from a phone to change the caller's own settings. A code starts with * or #; "
                    + "empty: no code for that action.")
    public @interface Config {
        @AttributeDefinition(description = "Do-not-disturb on (calls to the extension get busy treatment)")
        String code_dnd_on() default "*78";

        @AttributeDefinition(description = "Do-not-disturb off")
        String code_dnd_off() default "*79";

        @AttributeDefinition(description = "Call waiting on (a second call rings while the extension is in a call)")
        String code_callwaiting_on() default "*56";

        @AttributeDefinition(description = "Call waiting off (a second call gets busy treatment while the extension is in a call)")
        String code_callwaiting_off() default "*57";

        @AttributeDefinition(description = "Filter of the DataSource the settings are stored in")
        String dataSource_target() default "(dataSourceName=plugboard)";
    }

    private final SettingsRegistry settings;
    private final CallRules rules;
    private final AtomicLong lastWarned = new AtomicLong(Long.MIN_VALUE / 2);

    @Activate
    public DndService(@Reference SettingsRegistry settings, @Reference LiveCallsTracker tracker, Config config) {
        this.settings = settings;
        FeatureCodes codes = codes(config);
        this.rules = new CallRules(settings::get, tracker.calls(), tracker::millis, codes, this::featureCode);
        LOG.info("DND service ready; feature codes {}", codes);
    }

    @Modified
    void modified(Config config) {
        FeatureCodes codes = codes(config); // a bad table throws: SCR logs it, the previous one stays
        rules.codes(codes);
        LOG.info("DND feature codes changed: {}", codes);
    }

    @Override
    public Outcome handle(ServiceRequest request) {
        return rules.decide(request);
    }

    /** On the strand: the write goes to the registry's writer thread; the phone is confirmed without waiting. */
    private void featureCode(String extension, FeatureCode code) {
        settings.change(extension, code.change).whenComplete((done, failure) -> {
            if (failure == null) {
                LOG.info("{} by feature code {}", code.confirmation(extension), code.key);
                return;
            }
            long now = System.currentTimeMillis();
            long last = lastWarned.get();
            if (now - last >= WARN_EVERY_MS && lastWarned.compareAndSet(last, now)) { // at most one line a minute
                LOG.warn("{} by feature code was confirmed to the phone but not stored: {}", code.confirmation(extension),
                        failure.getCause() != null ? failure.getCause().getMessage() : failure.getMessage());
            }
        });
    }

    static FeatureCodes codes(Config config) {
        Map<FeatureCode, String> table = new EnumMap<>(FeatureCode.class);
        table.put(FeatureCode.DND_ON, config.code_dnd_on());
        table.put(FeatureCode.DND_OFF, config.code_dnd_off());
        table.put(FeatureCode.CALL_WAITING_ON, config.code_callwaiting_on());
        table.put(FeatureCode.CALL_WAITING_OFF, config.code_callwaiting_off());
        return FeatureCodes.of(table);
    }
}
