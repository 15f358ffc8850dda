package org.plugboard.ivr.internal;

import java.util.HashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.plugboard.api.routing.Route;
import org.plugboard.api.routing.RouteRequest;
import org.plugboard.api.routing.Router;

/**
 * Routes an IVR's number to the {@code ivr} media application. Ranked below the dial plan (100: lines' and trunks'
 * prefixes and DIDs; a DID entry naming the IVR's number is routed again as a phone would dial it, and so arrives
 * here) and above the extension router: an IVR number is dialled like an extension. From memory, on the strand.
 */
@Component(service = Router.class, property = "service.ranking:Integer=" + IvrRouter.RANKING)
public class IvrRouter implements Router {
    static final int RANKING = 45;
    /** The parameter naming the IVR. */
    static final String IVR = "ivr";

    private final Ivrs ivrs;

    @Activate
    public IvrRouter(@Reference Ivrs ivrs) {
        this.ivrs = ivrs;
    }

    @Override
    public Route route(RouteRequest request) {
        Ivr ivr = ivrs.catalog().byNumber(request.dialled());
        return ivr == null ? null : route(ivr);
    }

    static Route route(Ivr ivr) {
        Map<String, String> parameters = new HashMap<>();
        parameters.put(IVR, ivr.name());
        if (ivr.language() != null) {
            parameters.put("language", ivr.language());
        }
        return new Route.ToApplication(IvrApplication.NAME, parameters);
    }
}
