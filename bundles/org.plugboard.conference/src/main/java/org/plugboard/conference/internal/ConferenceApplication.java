package org.plugboard.conference.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.plugboard.api.application.ApplicationLeg;
import org.plugboard.api.application.MediaApplication;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.media.MediaGateway;
import org.plugboard.api.service.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media application {@code conference}: puts the caller into the meet-me room its parameter {@code room} names
 * (else the served number), mixed by the media engine that terminates the caller's leg (the gateway whose
 * {@link MediaGateway#ENGINE} is the leg endpoint's engine).
 */
@Component(service = MediaApplication.class, configurationPid = ConferenceConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, property = MediaApplication.NAME + "=" + ConferenceApplication.NAME)
@Designate(ocd = ConferenceConfig.class)
public class ConferenceApplication implements MediaApplication {
    static final String NAME = "conference";
    static final String ROOM = "room";
    private static final Logger LOG = LoggerFactory.getLogger(ConferenceApplication.class);

    private final Rooms rooms;
    private final LiveRooms live;
    private volatile MeetMe.Settings settings;
    /** Gateways by engine name, replaced whole on every change. */
    private volatile Map<String, MediaGateway> gateways = Map.of();

    @Activate
    public ConferenceApplication(@Reference Rooms rooms, @Reference LiveRooms live, ConferenceConfig config) {
        this.rooms = rooms;
        this.live = live;
        modified(config);
    }

    @Modified
    void modified(ConferenceConfig config) {
        settings = new MeetMe.Settings(Math.max(1, config.pin_attempts()), Duration.ofSeconds(Math.max(1, config.pin_timeout_seconds())),
                Duration.ofMillis(Math.max(100, config.full_tone_millis())));
        LOG.info("Conference application ready: {}", settings);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    synchronized void addGateway(MediaGateway gateway, Map<String, Object> properties) {
        Map<String, MediaGateway> next = new HashMap<>(gateways);
        next.put(String.valueOf(properties.get(MediaGateway.ENGINE)), gateway);
        gateways = Map.copyOf(next);
    }

    synchronized void removeGateway(MediaGateway gateway, Map<String, Object> properties) {
        Map<String, MediaGateway> next = new HashMap<>(gateways);
        next.values().removeIf(g -> g == gateway);
        gateways = Map.copyOf(next);
    }

    @Override
    public CompletionStage<Outcome> run(ApplicationLeg leg) {
        String number = leg.parameters().getOrDefault(ROOM, leg.servedUser());
        Room room = rooms.byNumber(number).orElse(null);
        if (room == null) {
            return CompletableFuture.completedFuture(Outcome.reject(404, "Not Found", 1, "no conference room " + number,
                    CallTag.ROUTING_FAILURE));
        }
        return new MeetMe(leg, room, live, gateways::get, settings).run();
    }
}
