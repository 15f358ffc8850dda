package org.plugboard.transfer.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.plugboard.api.directory.Directory;
import org.plugboard.api.service.CallService;
import org.plugboard.api.service.Outcome;
import org.plugboard.api.service.ServiceRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code transfer} call service: whether a transferor may transfer (REFER), per extension, asked by the B2BUA at
 * {@code TRANSFER}. Installing it is what enables transfers (the core refuses every REFER while no service is there).
 * Works without a configuration file (every extension may transfer, to extensions only); {@code
 * etc/org.plugboard.transfer.cfg} changes the defaults live.
 */
@Component(service = {CallService.class, TransferService.class}, configurationPid = TransferService.PID, property = {CallService.NAME + "=" + TransferService.NAME,
        CallService.POINTS + "=TRANSFER"})
@Designate(ocd = TransferService.Config.class)
public class TransferService implements CallService {
    static final String PID = "org.plugboard.transfer";
    static final String NAME = "transfer";
    private static final Logger LOG = LoggerFactory.getLogger(TransferService.class);

    @ObjectClassDefinition(name = "Plugboard transfer permission",
            description = "Who may transfer calls (REFER), for extensions without a permit of their own (pbx:transfer-permit)")
    public @interface Config {
        @AttributeDefinition(description = "Extensions without a permit of their own may transfer calls")
        boolean default_transfer() default true;

        @AttributeDefinition(description = "Extensions without a permit of their own may transfer calls to outside numbers "
                + "(a line or trunk: a transfer there is an outgoing call the transferor no longer watches)")
        boolean default_outside() default false;

        @AttributeDefinition(description = "Filter of the DataSource the permits are stored in")
        String dataSource_target() default "(dataSourceName=plugboard)";
    }

    private final TransferPolicy policy;

    @Activate
    public TransferService(@Reference PermitRegistry permits, @Reference Directory directory, Config config) {
        this.policy = new TransferPolicy(permits::get, n -> directory.find(n).isPresent(), defaults(config));
        LOG.info("Transfer service ready: by default extensions {} transfer, {} to outside numbers",
                config.default_transfer() ? "may" : "may not", config.default_outside() ? "also" : "not");
    }

    @Modified
    void modified(Config config) {
        policy.defaults(defaults(config));
        LOG.info("Transfer defaults changed: transfer {}, outside {}", config.default_transfer(), config.default_outside());
    }

    @Override
    public Outcome handle(ServiceRequest request) {
        return policy.decide(request);
    }

    /** The defaults in force, for the console. */
    public TransferPolicy.Defaults defaults() {
        return policy.defaults();
    }

    private static TransferPolicy.Defaults defaults(Config c) {
        return new TransferPolicy.Defaults(c.default_transfer(), c.default_outside());
    }
}
