package org.plugboard.groups.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.plugboard.api.routing.Route;
import org.plugboard.api.routing.RouteRequest;
import org.plugboard.api.routing.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes the pickup feature codes ({@link PickupCodes}) to {@code Route.Pickup}, from memory on the call's strand.
 * Ranked above the dial plan (100), so no line's or trunk's prefix can take a pickup code; it answers only for phones
 * and only for its codes, and leaves every other number to the next router.
 */
@Component(service = Router.class, configurationPid = PickupRouter.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = "service.ranking:Integer=" + PickupRouter.RANKING)
@Designate(ocd = PickupRouter.Config.class)
public class PickupRouter implements Router {
    static final String PID = "org.plugboard.groups.pickup";
    static final int RANKING = 110;
    private static final Logger LOG = LoggerFactory.getLogger(PickupRouter.class);

    @ObjectClassDefinition(name = "Plugboard call pickup codes", description = "Feature codes phones dial to pick up a ringing call")
    public @interface Config {
        @AttributeDefinition(name = "pickup.group.code", description = "Group pickup: the number dialled to take the oldest call"
                + " ringing at an extension of the caller's pickup groups; empty turns it off")
        String pickup_group_code() default "*8";

        @AttributeDefinition(name = "pickup.directed.prefix", description = "Directed pickup: dialled before an extension (**1002)"
                + " to take the call ringing there; empty turns it off")
        String pickup_directed_prefix() default "**";
    }

    private final Groups groups;
    private volatile PickupCodes codes;

    @Activate
    public PickupRouter(@Reference Groups groups, Config config) {
        this.groups = groups;
        configure(config);
    }

    @Modified
    void configure(Config config) {
        PickupCodes next;
        try {
            next = new PickupCodes(config.pickup_group_code(), config.pickup_directed_prefix());
        } catch (IllegalArgumentException e) {
            LOG.error("Pickup codes in {} not applied: {}", PID, e.getMessage());
            if (codes != null) {
                return; // keep the codes in force
            }
            next = new PickupCodes("", "");
        }
        codes = next;
        LOG.info("Call pickup codes: group {}, directed {}", next.groupCode().isEmpty() ? "off" : next.groupCode(),
                next.directedPrefix().isEmpty() ? "off" : next.directedPrefix() + "<extension>");
    }

    @Override
    public Route route(RouteRequest request) {
        return codes.route(request, groups.pickupGroups(), n -> groups.extension(n).isPresent());
    }
}
