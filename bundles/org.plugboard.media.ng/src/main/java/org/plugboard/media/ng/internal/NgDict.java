package org.plugboard.media.ng.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A decoded ng dictionary with typed, forgiving reads: a missing key or a value of another type reads as absent,
 * so a strange reply gives a defined outcome instead of a ClassCastException. Bencoded strings are bytes; they
 * are read as UTF-8 here, at the edge, so the SDP's bytes are counted right on the wire.
 */
public final class NgDict {
    private final Map<String, Object> values;

    public NgDict(Map<String, Object> values) {
        this.values = values == null ? Map.of() : values;
    }

    /** The string under {@code key}, or null if absent or not a string. */
    public String string(String key) {
        return text(values.get(key));
    }

    /** The integer under {@code key}, or {@code absent}. */
    public long number(String key, long absent) {
        return values.get(key) instanceof Number n ? n.longValue() : absent;
    }

    /** The dictionary under {@code key}; empty if absent. */
    @SuppressWarnings("unchecked")
    public NgDict dict(String key) {
        return values.get(key) instanceof Map<?, ?> m ? new NgDict((Map<String, Object>) m) : new NgDict(null);
    }

    /** The dictionaries of the list under {@code key}, skipping other elements. */
    @SuppressWarnings("unchecked")
    public List<NgDict> dicts(String key) {
        List<NgDict> result = new ArrayList<>();
        if (values.get(key) instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> m) {
                    result.add(new NgDict((Map<String, Object>) m));
                }
            }
        }
        return result;
    }

    /** The strings of the list under {@code key}, skipping other elements; a single string reads as a list of one. */
    public List<String> strings(String key) {
        Object value = values.get(key);
        if (value instanceof List<?> list) {
            List<String> result = new ArrayList<>();
            for (Object o : list) {
                String s = text(o);
                if (s != null) {
                    result.add(s);
                }
            }
            return result;
        }
        String single = text(value);
        return single == null ? List.of() : List.of(single);
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public Iterable<String> keys() {
        return Collections.unmodifiableSet(values.keySet());
    }

    public Map<String, Object> asMap() {
        return Collections.unmodifiableMap(values);
    }

    static String text(Object value) {
        if (value instanceof ByteBuffer buffer) {
            return StandardCharsets.UTF_8.decode(buffer.duplicate()).toString();
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return value instanceof String s ? s : null;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("{");
        for (Map.Entry<String, Object> e : values.entrySet()) {
            out.append(out.length() > 1 ? ", " : "").append(e.getKey()).append('=');
            Object v = e.getValue();
            String s = text(v);
            out.append(s != null ? s : v instanceof Map<?, ?> ? dict(e.getKey()) : String.valueOf(v));
        }
        return out.append('}').toString();
    }
}
