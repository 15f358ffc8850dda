package org.plugboard.rest.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;

/** The one {@link Sessions} store that the API and the event stream share (a DS component so both find it). */
@Component(service = SessionService.class, configurationPid = RestConfig.PID, immediate = true)
public class SessionService {
    private final Sessions sessions;

    @Activate
    public SessionService(RestConfig config) {
        sessions = new Sessions(idle(config), config.session_max(), System::currentTimeMillis);
    }

    @Modified
    void modified(RestConfig config) {
        sessions.limits(idle(config), config.session_max());
    }

    public Sessions sessions() {
        return sessions;
    }

    private static long idle(RestConfig config) {
        return Math.max(1, config.session_idle_minutes()) * 60_000L;
    }
}
