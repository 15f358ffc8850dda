package org.plugboard.voicemail.internal;

import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.plugboard.api.directory.Directory;
import org.plugboard.api.routing.Route;
import org.plugboard.api.routing.RouteRequest;
import org.plugboard.api.routing.Router;

/**
 * Routes the voicemail numbers to the {@code voicemail} media application (routing 1.5): the login numbers, and
 * {@code <deposit prefix><ext>} for an existing extension, which is also what forwarding targets. Ranked above the
 * dial plan (a line's prefix such as 9 must not take 96/97). Answers from memory (the directory's view).
 */
@Component(service = Router.class, configurationPid = VoicemailConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, property = "service.ranking:Integer=200")
public class VoicemailRouter implements Router {
    private final Directory directory;
    private final Numbers numbers;

    @Activate
    public VoicemailRouter(@Reference Directory directory, VoicemailConfig config) {
        this.directory = directory;
        this.numbers = new Numbers(config);
    }

    @Override
    public Route route(RouteRequest request) {
        Map<String, String> p = numbers.parameters(request.dialled(), request.caller(),
                n -> n != null && !n.isEmpty() && directory.find(n).isPresent());
        return p == null ? null : new Route.ToApplication(VoicemailApplication.NAME, p);
    }
}
