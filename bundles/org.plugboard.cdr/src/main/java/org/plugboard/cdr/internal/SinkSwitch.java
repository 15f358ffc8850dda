package org.plugboard.cdr.internal;

import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the two sinks on and off from {@code csv.enabled} and {@code db.enabled}. A disabled sink is not registered
 * at all (rather than registered and dropping records), so the B2BUA's hold-back of records sees the truth.
 */
@Component(configurationPid = CdrConfig.PID)
@Designate(ocd = CdrConfig.class)
public class SinkSwitch {
    private static final Logger LOG = LoggerFactory.getLogger(SinkSwitch.class);
    static final String JDBC = JdbcCdrSink.class.getName();
    static final String CSV = CsvCdrSink.class.getName();

    private final ComponentContext context;

    @Activate
    public SinkSwitch(ComponentContext context, CdrConfig config) {
        this.context = context;
        apply(config);
    }

    @Modified
    void modified(CdrConfig config) {
        apply(config);
    }

    private void apply(CdrConfig config) {
        toggle(JDBC, config.db_enabled());
        toggle(CSV, config.csv_enabled());
        LOG.info("CDR sinks: database {}, CSV files {}", onOff(config.db_enabled()), onOff(config.csv_enabled()));
        if (!config.db_enabled() && !config.csv_enabled()) {
            LOG.warn("Both CDR sinks are disabled in {}: the B2BUA keeps call records in memory until a durable "
                    + "CdrSink appears. Set csv.enabled or db.enabled to true.", CdrConfig.PID);
        }
    }

    private void toggle(String component, boolean enabled) {
        if (enabled) {
            context.enableComponent(component);
        } else {
            context.disableComponent(component);
        }
    }

    private static String onOff(boolean b) {
        return b ? "on" : "off";
    }
}
