package org.plugboard.trunks.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.plugboard.api.calls.CallEvents;
import org.plugboard.api.calls.CallInfo;
import org.plugboard.api.calls.Disposition;
import org.plugboard.api.calls.LegInfo;
import org.plugboard.api.cdr.CallDetailRecord;
import org.plugboard.api.sip.NextHop;

/**
 * The last failed outbound call of each trunk, with its status and reason, for {@code pbx:trunk-list}: what an admin
 * needs when calls over a trunk fail (a TLS peer whose certificate is not trusted: {@code 503 TLS peer certificate not
 * trusted: CN=...}; a peer not listening). A failed call's callee legs name where they went; the trunk with that
 * address is the one. Answered from memory on the call's strand, one entry per trunk.
 */
@Component(service = {CallEvents.class, TrunkFailures.class})
public class TrunkFailures implements CallEvents {
    /** One failure: when, and the call's release reason (status and text). */
    public record Failure(Instant at, String reason) {
    }

    private final Supplier<List<TrunkRoutes.Trunk>> trunks;
    private final Map<String, Failure> last = new ConcurrentHashMap<>();

    @Activate
    public TrunkFailures(@Reference TrunkRegistry registry) {
        this(registry::routable);
    }

    TrunkFailures(Supplier<List<TrunkRoutes.Trunk>> trunks) {
        this.trunks = trunks;
    }

    @Override
    public void released(CallInfo call, CallDetailRecord record) {
        if (record == null || record.disposition() != Disposition.FAILED) {
            return;
        }
        List<TrunkRoutes.Trunk> now = trunks.get();
        for (LegInfo leg : call.legs()) {
            if (!"callee".equals(leg.role())) {
                continue;
            }
            for (TrunkRoutes.Trunk t : now) {
                NextHop hop = t.hop();
                if (hop != null && leg.target().equals(hop.host() + ":" + hop.port() + "/" + hop.transport())) {
                    last.put(t.settings().name(), new Failure(record.end() == null ? Instant.now() : record.end(),
                            record.reason()));
                }
            }
        }
    }

    /** The trunk's last failed outbound call, if any since this bundle started. */
    public Optional<Failure> last(String trunk) {
        return Optional.ofNullable(last.get(trunk));
    }
}
