package org.plugboard.serviceplans.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Karaf's shell reads options only before the first argument, so {@code pbx:plan-set 1002 dnd --point ROUTED} would
 * hand {@code --point} and {@code ROUTED} to the command as service names. The commands take {@code --point X},
 * {@code -p X} and {@code --point=X} from their trailing arguments with this, so both orders work.
 */
public final class TrailingPoints {
    /** The arguments without the point options, and the points they named (in order). */
    public record Split(List<String> rest, List<String> points) {
    }

    private TrailingPoints() {
    }

    /** @throws IllegalArgumentException for a {@code --point} with no value after it */
    public static Split of(List<String> tokens) {
        List<String> rest = new ArrayList<>();
        List<String> points = new ArrayList<>();
        List<String> in = tokens == null ? List.of() : tokens;
        for (int i = 0; i < in.size(); i++) {
            String t = in.get(i);
            if (t.startsWith("--point=")) {
                points.add(t.substring("--point=".length()));
            } else if (t.equals("--point") || t.equals("-p")) {
                if (i + 1 >= in.size()) {
                    throw new IllegalArgumentException(t + " needs a detection point after it, e.g. " + t + " ROUTED");
                }
                points.add(in.get(++i));
            } else {
                rest.add(t);
            }
        }
        return new Split(List.copyOf(rest), List.copyOf(points));
    }
}
