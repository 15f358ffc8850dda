package org.plugboard.metrics.internal;

import java.io.IOException;
import java.io.Writer;
import java.util.Map;

/**
 * Writes families in the Prometheus text exposition format 0.0.4: one HELP and TYPE line per family, then its samples;
 * histograms as cumulative {@code _bucket} lines ending in {@code le="+Inf"}, then {@code _sum} and {@code _count}.
 */
final class TextFormat {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private TextFormat() {
    }

    static void write(Iterable<Families.Family> families, Writer out) throws IOException {
        for (Families.Family f : families) {
            if (f.samples().isEmpty()) {
                continue;
            }
            out.write("# HELP " + f.name() + " " + escapeHelp(f.help()) + "\n");
            out.write("# TYPE " + f.name() + " " + f.kind().text + "\n");
            for (Families.Sample s : f.samples()) {
                if (f.kind() == Families.Kind.HISTOGRAM) {
                    histogram(f.name(), s, out);
                } else {
                    line(f.name(), s.labels(), null, s.value(), out);
                }
            }
        }
    }

    private static void histogram(String name, Families.Sample s, Writer out) throws IOException {
        long cumulative = 0;
        for (int i = 0; i < s.upperBounds().length; i++) {
            cumulative += s.buckets()[i];
            line(name + "_bucket", s.labels(), number(s.upperBounds()[i]), cumulative, out);
        }
        cumulative += s.buckets()[s.upperBounds().length];
        line(name + "_bucket", s.labels(), "+Inf", cumulative, out);
        line(name + "_sum", s.labels(), null, s.sum(), out);
        line(name + "_count", s.labels(), null, cumulative, out);
    }

    private static void line(String name, Map<String, String> labels, String le, double value, Writer out) throws IOException {
        StringBuilder b = new StringBuilder(name);
        if (!labels.isEmpty() || le != null) {
            b.append('{');
            boolean first = true;
            for (Map.Entry<String, String> l : labels.entrySet()) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                b.append(l.getKey()).append("=\"").append(escapeLabel(l.getValue())).append('"');
            }
            if (le != null) {
                b.append(first ? "" : ",").append("le=\"").append(le).append('"');
            }
            b.append('}');
        }
        b.append(' ').append(number(value)).append('\n');
        out.write(b.toString());
    }

    /** Integers without a fraction or exponent; NaN and infinities as the format spells them. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    /** Label values: backslash, double quote and line feed escaped. */
    static String escapeLabel(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** HELP text: backslash and line feed escaped (quotes stay). */
    static String escapeHelp(String v) {
        return v.replace("\\", "\\\\").replace("\n", "\\n");
    }
}
