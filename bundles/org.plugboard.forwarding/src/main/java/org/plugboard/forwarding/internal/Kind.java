package org.plugboard.forwarding.internal;

import java.util.Locale;
import java.util.Optional;

import org.plugboard.api.service.DetectionPoint;

/** The four kinds of call forwarding, each acting at one detection point with its RFC 5806 Diversion reason. */
public enum Kind {
    /** Always, before the extension rings. */
    CFU("unconditional", DetectionPoint.ROUTED, "unconditional"),
    /** When every device of the extension is busy. */
    CFB("on busy", DetectionPoint.BUSY, "user-busy"),
    /** When nobody answers within the extension's no-answer timeout. */
    CFNR("on no answer", DetectionPoint.NO_ANSWER, "no-answer"),
    /** When the extension has no registered device, or its devices answered 408, 480 or 503. */
    CFNRC("when unreachable", DetectionPoint.UNREACHABLE, "unavailable");

    private final String description;
    private final DetectionPoint point;
    private final String reason;

    Kind(String description, DetectionPoint point, String reason) {
        this.description = description;
        this.point = point;
        this.reason = reason;
    }

    /** What an admin reads: "unconditional", "on busy"... */
    public String description() {
        return description;
    }

    /** Where this forwarding redirects the call. */
    public DetectionPoint point() {
        return point;
    }

    /** The RFC 5806 reason of the Diversion header it causes. */
    public String reason() {
        return reason;
    }

    /** The console's and the feature code table's name: cfu, cfb, cfnr, cfnrc. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** For error messages: "cfu (unconditional), cfb (on busy), ...". */
    public static String choices() {
        StringBuilder b = new StringBuilder();
        for (Kind k : values()) {
            b.append(b.length() == 0 ? "" : k.ordinal() == values().length - 1 ? " or " : ", ")
                    .append(k.key()).append(" (").append(k.description).append(')');
        }
        return b.toString();
    }

    public static Optional<Kind> of(String key) {
        for (Kind k : values()) {
            if (k.key().equalsIgnoreCase(key == null ? "" : key.trim())) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** The forwarding that acts at a point, if any (ROUTED: unconditional). */
    public static Optional<Kind> at(DetectionPoint point) {
        for (Kind k : values()) {
            if (k.point == point) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
