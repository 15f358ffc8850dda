package org.plugboard.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TextFormatTest {
    private static String text(Families f) throws IOException {
        StringWriter w = new StringWriter();
        TextFormat.write(f.families(), w);
        return w.toString();
    }

    @Test
    void counterAndGaugeWithHelpTypeAndSortedLabels() throws IOException {
        Families f = new Families();
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("status", "200");
        labels.put("method", "INVITE");
        f.counter("plugboard_sip_responses_total", "SIP responses", labels, 3);
        f.gauge("plugboard_calls_live", "Calls up now", Map.of(), 2.5);
        assertEquals("""
                # HELP plugboard_calls_live Calls up now
                # TYPE plugboard_calls_live gauge
                plugboard_calls_live 2.5
                # HELP plugboard_sip_responses_total SIP responses
                # TYPE plugboard_sip_responses_total counter
                plugboard_sip_responses_total{method="INVITE",status="200"} 3
                """, text(f));
    }

    @Test
    void labelValuesAndHelpAreEscaped() throws IOException {
        Families f = new Families();
        f.gauge("x", "a \\ help\nline with \"quotes\"", Map.of("v", "back\\slash \"quoted\"\nnext"), 1);
        String t = text(f);
        assertTrue(t.contains("# HELP x a \\\\ help\\nline with \"quotes\"\n"), t);
        assertTrue(t.contains("x{v=\"back\\\\slash \\\"quoted\\\"\\nnext\"} 1\n"), t);
    }

    @Test
    void histogramBucketsAreCumulativeWithInfSumAndCount() throws IOException {
        Families f = new Families();
        f.histogram("plugboard_call_setup_seconds", "Set-up", Map.of("kind", "x"), new double[] {0.1, 0.5}, new long[] {2, 1, 4}, 9.25);
        assertEquals("""
                # HELP plugboard_call_setup_seconds Set-up
                # TYPE plugboard_call_setup_seconds histogram
                plugboard_call_setup_seconds_bucket{kind="x",le="0.1"} 2
                plugboard_call_setup_seconds_bucket{kind="x",le="0.5"} 3
                plugboard_call_setup_seconds_bucket{kind="x",le="+Inf"} 7
                plugboard_call_setup_seconds_sum{kind="x"} 9.25
                plugboard_call_setup_seconds_count{kind="x"} 7
                """, text(f));
    }

    @Test
    void numbersSpecialValues() {
        assertEquals("NaN", TextFormat.number(Double.NaN));
        assertEquals("+Inf", TextFormat.number(Double.POSITIVE_INFINITY));
        assertEquals("-Inf", TextFormat.number(Double.NEGATIVE_INFINITY));
        assertEquals("42", TextFormat.number(42));
        assertEquals("-0.001", TextFormat.number(-0.001));
        assertEquals("1.0E20", TextFormat.number(1e20));
    }

    @Test
    void brokenSamplesAreRefusedNotWritten() throws IOException {
        Families f = new Families();
        f.counter("bad name", "", Map.of(), 1);
        f.counter("ok_total", "", Map.of("__reserved", "v"), 1);
        f.counter("ok_total", "", Map.of("9bad", "v"), 1);
        f.counter("ok_total", "", Map.of("a", "1"), 1);
        f.counter("ok_total", "", Map.of("a", "1"), 2); // same label set twice
        f.gauge("ok_total", "", Map.of("a", "2"), 1); // other kind
        f.histogram("h", "", Map.of(), new double[] {1, 0.5}, new long[] {0, 0, 0}, 0); // not ascending
        f.histogram("h", "", Map.of(), new double[] {1}, new long[] {0}, 0); // too few counts
        f.histogram("h", "", Map.of("le", "1"), new double[] {1}, new long[] {0, 0}, 0);
        assertEquals(8, f.rejected());
        assertEquals("""
                # HELP ok_total\s
                # TYPE ok_total counter
                ok_total{a="1"} 1
                """, text(f));
    }
}
