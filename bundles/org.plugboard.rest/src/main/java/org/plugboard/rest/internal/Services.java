package org.plugboard.rest.internal;

import java.util.function.Supplier;

import org.plugboard.api.archive.RecordingArchive;
import org.plugboard.api.archive.VoicemailArchive;
import org.plugboard.api.calls.CallControl;
import org.plugboard.api.cdr.CdrSearch;
import org.plugboard.api.directory.Directory;
import org.plugboard.api.ivr.IvrFiles;
import org.plugboard.api.location.LocationService;
import org.plugboard.api.security.AuthFailureGuard;
import org.plugboard.api.settings.DndSettings;
import org.plugboard.api.settings.ForwardingSettings;
import org.plugboard.api.settings.ScreeningSettings;
import org.plugboard.api.settings.VoicemailSettings;
import org.plugboard.api.status.LineStatusService;
import org.plugboard.api.status.TrunkStatusService;
import org.plugboard.api.trace.SipTraceService;

/**
 * The PBX services the resources adapt, each optional: a resource whose service is missing answers 503 naming the
 * feature to install, and works again as soon as the service comes back (no restart of the API).
 */
public final class Services {
    private final Supplier<Directory> directory;
    private final Supplier<LocationService> location;
    private final Supplier<CallControl> calls;
    private final Supplier<CdrSearch> cdrs;
    private final Supplier<LineStatusService> lines;
    private final Supplier<TrunkStatusService> trunks;
    private final Supplier<AuthFailureGuard> guard;
    private Capabilities capabilities = new Capabilities();
    private Supplier<IvrFiles> ivrFiles = () -> null;
    private Supplier<SipTraceService> trace = () -> null;
    private Supplier<ForwardingSettings> forwarding = () -> null;
    private Supplier<DndSettings> dnd = () -> null;
    private Supplier<ScreeningSettings> screening = () -> null;
    private Supplier<VoicemailSettings> voicemailBox = () -> null;
    private Supplier<RecordingArchive> recordings = () -> null;
    private Supplier<VoicemailArchive> voicemail = () -> null;

    public Services(Supplier<Directory> directory, Supplier<LocationService> location, Supplier<CallControl> calls,
            Supplier<CdrSearch> cdrs, Supplier<LineStatusService> lines, Supplier<TrunkStatusService> trunks,
            Supplier<AuthFailureGuard> guard) {
        this.directory = directory;
        this.location = location;
        this.calls = calls;
        this.cdrs = cdrs;
        this.lines = lines;
        this.trunks = trunks;
        this.guard = guard;
    }

    /** What is installed now (set once, before the API is built). */
    public Services capabilities(Capabilities c) {
        this.capabilities = c;
        return this;
    }

    public Services ivrFiles(Supplier<IvrFiles> s) {
        this.ivrFiles = s;
        return this;
    }

    IvrFiles ivrFiles() {
        return need(ivrFiles, "the IVR", "pbx-ivr");
    }

    public Services trace(Supplier<SipTraceService> s) {
        this.trace = s;
        return this;
    }

    SipTraceService trace() {
        return need(trace, "the SIP trace", "pbx-sip");
    }

    public Services settings(Supplier<ForwardingSettings> forwarding, Supplier<DndSettings> dnd) {
        this.forwarding = forwarding;
        this.dnd = dnd;
        return this;
    }

    ForwardingSettings forwarding() {
        return need(forwarding, "call forwarding", "pbx-forwarding");
    }

    DndSettings dnd() {
        return need(dnd, "do-not-disturb", "pbx-dnd");
    }

    public Services boxSettings(Supplier<ScreeningSettings> screening, Supplier<VoicemailSettings> voicemailBox) {
        this.screening = screening;
        this.voicemailBox = voicemailBox;
        return this;
    }

    ScreeningSettings screening() {
        return need(screening, "call screening", "pbx-screening");
    }

    VoicemailSettings voicemailBox() {
        return need(voicemailBox, "voicemail", "pbx-voicemail");
    }

    public Services recordings(Supplier<RecordingArchive> s) {
        this.recordings = s;
        return this;
    }

    RecordingArchive recordings() {
        return need(recordings, "call recording", "pbx-recording");
    }

    public Services voicemail(Supplier<VoicemailArchive> s) {
        this.voicemail = s;
        return this;
    }

    VoicemailArchive voicemail() {
        return need(voicemail, "voicemail", "pbx-voicemail");
    }

    /** The call engine when it is there, else null (for resources that only enrich with it). */
    CallControl optionalCalls() {
        return calls.get();
    }

    Capabilities capabilities() {
        return capabilities;
    }

    Directory directory() {
        return need(directory, "the directory", "pbx-directory");
    }

    LocationService location() {
        return need(location, "the registrar's location service", "pbx-registrar");
    }

    CallControl calls() {
        return need(calls, "the call engine", "pbx-calls");
    }

    /** The CDR store when it is there, else null (for resources that only enrich with it). */
    CdrSearch optionalCdrs() {
        return cdrs.get();
    }

    CdrSearch cdrs() {
        return need(cdrs, "the CDR database (db.enabled=true in etc/org.plugboard.cdr.cfg)", "pbx-cdr");
    }

    LineStatusService lines() {
        return need(lines, "the external lines", "pbx-lines");
    }

    TrunkStatusService trunks() {
        return need(trunks, "the SIP trunks", "pbx-trunks");
    }

    AuthFailureGuard guard() {
        return need(guard, "the authentication-failure guard", "pbx-registrar");
    }

    private static <T> T need(Supplier<T> s, String what, String feature) {
        T t = s.get();
        if (t == null) {
            throw new ApiException(Problem.unavailable(what, feature));
        }
        return t;
    }
}
