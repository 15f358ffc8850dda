package org.plugboard.ivr.internal;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/** The steps of a menu, one record per element of the schema. */
sealed interface Step {
    /** A prompt name or WAV file; {@code bargeIn}: a digit stops it (and is kept for the next collect). */
    record Play(String prompt, boolean bargeIn) implements Step {
    }

    /**
     * Digits into {@code var}, then the first matching choice; no match: {@code invalid} (or {@code noInput} when
     * nothing was typed) and another try, {@code retries} times; then {@code otherwise} (may be empty).
     */
    record Collect(String var, String prompt, int max, String terminator, Duration firstTimeout, Duration interTimeout,
            int retries, String invalid, String noInput, List<Choice> choices, List<Step> otherwise) implements Step {
        public Collect {
            choices = List.copyOf(choices);
            otherwise = List.copyOf(otherwise);
        }
    }

    /** The first choice matching the variable's value, else {@code otherwise}. */
    record Branch(String var, List<Choice> choices, List<Step> otherwise) implements Step {
        public Branch {
            choices = List.copyOf(choices);
            otherwise = List.copyOf(otherwise);
        }
    }

    /** By the named hours now; {@code holiday} null: a holiday runs {@code closed}. */
    record Time(String hours, List<Step> open, List<Step> closed, List<Step> holiday) implements Step {
    }

    /** A variable; {@code value} may name others as {@code ${name}}. */
    record SetVar(String var, String value) implements Step {
    }

    record Goto(String menu) implements Step {
    }

    /** Ends the IVR: the caller goes to {@code to} (variables expanded); {@code kind} is for the admin's eyes. */
    record Transfer(String to, String kind) implements Step {
    }

    record Hangup() implements Step {
    }

    /** A choice: exact {@code digits}, or a {@code pattern} matching the whole value. */
    record Choice(String digits, Pattern pattern, List<Step> steps) {
        public Choice {
            steps = List.copyOf(steps);
        }

        boolean matches(String value) {
            return value != null && (digits != null ? digits.equals(value) : pattern.matcher(value).matches());
        }

        @Override
        public String toString() {
            return digits != null ? digits : "/" + pattern.pattern() + "/";
        }
    }
}
