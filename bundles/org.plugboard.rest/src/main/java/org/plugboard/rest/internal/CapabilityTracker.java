package org.plugboard.rest.internal;

import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.plugboard.api.application.MediaApplication;
import org.plugboard.api.archive.RecordingArchive;
import org.plugboard.api.archive.VoicemailArchive;
import org.plugboard.api.calls.CallControl;
import org.plugboard.api.cdr.CdrSearch;
import org.plugboard.api.ivr.IvrFiles;
import org.plugboard.api.service.CallService;
import org.plugboard.api.settings.DndSettings;
import org.plugboard.api.settings.ForwardingSettings;
import org.plugboard.api.settings.ScreeningSettings;
import org.plugboard.api.settings.VoicemailSettings;
import org.plugboard.api.status.LineStatusService;
import org.plugboard.api.status.TrunkStatusService;
import org.plugboard.api.trace.SipTraceService;

/**
 * Follows the optional services whose coming and going changes what the web page can show: call services and media
 * applications by their name property (only their properties are read, so no service is activated for this), and the
 * services the API adapts. Each change of the list is published as {@code capabilities.changed}.
 */
@Component(service = CapabilityTracker.class, immediate = true)
public class CapabilityTracker {
    static final String EVENT = "capabilities.changed";

    private final Capabilities capabilities = new Capabilities();
    private final EventHub events;

    @Activate
    public CapabilityTracker(@Reference EventHub events) {
        this.events = events;
    }

    private volatile IvrFiles ivrFiles;

    public IvrFiles ivrFiles() {
        return ivrFiles;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeIvrFiles")
    void addIvrFiles(IvrFiles s) {
        ivrFiles = s;
        came("ivr-files");
    }

    void removeIvrFiles(IvrFiles s) {
        if (ivrFiles == s) {
            ivrFiles = null;
        }
        went("ivr-files");
    }

    private volatile SipTraceService trace;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ForwardingSettings forwarding;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile DndSettings dnd;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ScreeningSettings screening;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile VoicemailSettings voicemailSettings;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile RecordingArchive recordings;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile VoicemailArchive voicemail;

    public VoicemailArchive voicemail() {
        return voicemail;
    }

    public RecordingArchive recordings() {
        return recordings;
    }

    public ForwardingSettings forwarding() {
        return forwarding;
    }

    public DndSettings dnd() {
        return dnd;
    }

    public ScreeningSettings screening() {
        return screening;
    }

    public VoicemailSettings voicemailSettings() {
        return voicemailSettings;
    }

    public SipTraceService trace() {
        return trace;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeTrace")
    void addTrace(SipTraceService s) {
        trace = s;
        came("trace");
    }

    void removeTrace(SipTraceService s) {
        if (trace == s) {
            trace = null;
        }
        went("trace");
    }

    public Capabilities capabilities() {
        return capabilities;
    }

    private void came(String name) {
        if (capabilities.add(name) && events != null) {
            events.publish(EVENT, capabilities.view());
        }
    }

    private void went(String name) {
        if (capabilities.remove(name) && events != null) {
            events.publish(EVENT, capabilities.view());
        }
    }

    private static String name(Map<String, Object> props, String key) {
        Object v = props.get(key);
        return v == null ? null : String.valueOf(v);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, service = CallService.class, unbind = "removeCallService")
    void addCallService(Map<String, Object> props) {
        came(name(props, CallService.NAME));
    }

    void removeCallService(Map<String, Object> props) {
        went(name(props, CallService.NAME));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, service = MediaApplication.class, unbind = "removeApplication")
    void addApplication(Map<String, Object> props) {
        came(name(props, MediaApplication.NAME));
    }

    void removeApplication(Map<String, Object> props) {
        went(name(props, MediaApplication.NAME));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, service = CdrSearch.class, unbind = "removeCdr")
    void addCdr(Map<String, Object> props) {
        came("cdr");
    }

    void removeCdr(Map<String, Object> props) {
        went("cdr");
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, service = LineStatusService.class, unbind = "removeLines")
    void addLines(Map<String, Object> props) {
        came("lines");
    }

    void removeLines(Map<String, Object> props) {
        went("lines");
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, service = TrunkStatusService.class, unbind = "removeTrunks")
    void addTrunks(Map<String, Object> props) {
        came("trunks");
    }

    void removeTrunks(Map<String, Object> props) {
        went("trunks");
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, service = CallControl.class, unbind = "removeCalls")
    void addCalls(Map<String, Object> props) {
        came("calls");
    }

    void removeCalls(Map<String, Object> props) {
        went("calls");
    }
}
