package org.plugboard.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Options typed after a command's arguments ({@code pbx:line-add c1 sip.example.com 4930 pw --proxy sbc:5060}).
 * Karaf's parser reads options only before the first argument and hands every later word to the command as an
 * argument, so a command collects those words in a last, multi-valued {@code @Argument} and reads them with this:
 * {@code --name value}, {@code --name=value}, a flag alone; each option once unless it is repeatable. Options given
 * before the arguments still arrive through Karaf's {@code @Option} fields; {@link Parsed} falls back to them.
 *
 * <p>Bad words throw {@link IllegalArgumentException} whose message names the problem and the fix; a command turns
 * it into {@link CommandFailure}. Build the spec where the command runs: it is small, and a message may name the
 * command's own arguments.
 */
public final class TrailingOptions {
    private enum Kind { VALUE, REPEATABLE, FLAG }

    private record Spec(String name, Kind kind, String needs) {
    }

    private final Map<String, Spec> byWord = new LinkedHashMap<>();
    private final List<String> names = new ArrayList<>();
    private boolean keepOthers;
    private Function<String, String> unexpected;

    /** An option with one value; {@code needs} completes "--name needs ...", e.g. {@code "a number, e.g. --ring 20"}. */
    public TrailingOptions value(String name, String needs, String... aliases) {
        return add(new Spec(name, Kind.VALUE, needs), aliases);
    }

    /** An option that may be given several times, each with a value ({@code --did 0301=1001 --did *=1002}). */
    public TrailingOptions repeatable(String name, String needs, String... aliases) {
        return add(new Spec(name, Kind.REPEATABLE, needs), aliases);
    }

    /** An option without a value ({@code --auth-id-with-domain}). */
    public TrailingOptions flag(String name, String... aliases) {
        return add(new Spec(name, Kind.FLAG, null), aliases);
    }

    /** Words that are not options are kept, in order ({@link Parsed#others()}), instead of being refused. */
    public TrailingOptions keepOtherWords() {
        keepOthers = true;
        return this;
    }

    /** The message for a word that is not one of the options (it gets the word as typed); default: names them. */
    public TrailingOptions unexpected(Function<String, String> message) {
        unexpected = message;
        return this;
    }

    private TrailingOptions add(Spec spec, String... aliases) {
        names.add(spec.name());
        byWord.put(spec.name(), spec);
        for (String alias : aliases) {
            byWord.put(alias, spec);
        }
        return this;
    }

    /** @throws IllegalArgumentException naming a stray word, an unknown option, a missing value or a repetition */
    public Parsed parse(List<String> words) {
        Parsed out = new Parsed();
        List<String> in = words == null ? List.of() : words;
        for (int i = 0; i < in.size(); i++) {
            String word = in.get(i);
            int eq = word.startsWith("--") ? word.indexOf('=') : -1;
            String typed = eq > 0 ? word.substring(0, eq) : word;
            Spec spec = byWord.get(typed);
            if (spec == null) {
                if (keepOthers && !word.startsWith("--")) {
                    out.others.add(word);
                    continue;
                }
                throw new IllegalArgumentException(unexpectedMessage(word, typed));
            }
            if (spec.kind() == Kind.FLAG) {
                if (eq > 0) {
                    throw new IllegalArgumentException(typed + " takes no value: give " + typed + " alone");
                }
                out.put(spec, "true");
                continue;
            }
            String value;
            if (eq > 0) {
                value = word.substring(eq + 1);
            } else if (i + 1 < in.size() && !isOption(in.get(i + 1))) {
                value = in.get(++i);
            } else {
                throw new IllegalArgumentException(typed + " needs " + (spec.needs() == null ? "a value" : spec.needs()));
            }
            out.put(spec, value);
        }
        return out;
    }

    private boolean isOption(String word) {
        int eq = word.startsWith("--") ? word.indexOf('=') : -1;
        return byWord.containsKey(eq > 0 ? word.substring(0, eq) : word);
    }

    private String unexpectedMessage(String word, String typed) {
        if (unexpected != null) {
            return unexpected.apply(word);
        }
        return typed.startsWith("--") ? "unknown option " + typed + ": use " + String.join(", ", names)
                : "unexpected '" + word + "': after the arguments give only options, " + String.join(", ", names);
    }

    /** The options found after the arguments, by their name (an alias counts as its option). */
    public static final class Parsed {
        private final Map<String, List<String>> values = new LinkedHashMap<>();
        private final List<String> others = new ArrayList<>();

        private void put(Spec spec, String value) {
            List<String> list = values.computeIfAbsent(spec.name(), k -> new ArrayList<>());
            if (!list.isEmpty() && spec.kind() != Kind.REPEATABLE) {
                throw new IllegalArgumentException(spec.name() + " is given twice: give it once");
            }
            list.add(value);
        }

        /** Whether the option was given after the arguments. */
        public boolean has(String name) {
            return values.containsKey(name);
        }

        /** The option's value after the arguments, else {@code given} (what Karaf read before them, or a default). */
        public String value(String name, String given) {
            List<String> v = values.get(name);
            return v == null ? given : v.get(v.size() - 1);
        }

        /** Every value of a repeatable option: {@code given} (before the arguments) first, then those after. */
        public List<String> values(String name, List<String> given) {
            List<String> all = new ArrayList<>(given == null ? List.of() : given);
            all.addAll(values.getOrDefault(name, List.of()));
            return List.copyOf(all);
        }

        /** True when the flag was given after the arguments, else {@code given}. */
        public boolean flag(String name, boolean given) {
            return values.containsKey(name) || given;
        }

        /**
         * The option's value as a whole number, else {@code given}. @param what completes "--name 'x' is not ...",
         * e.g. {@code "a number of seconds, e.g. --ring 20"}
         */
        public Integer integer(String name, Integer given, String what) {
            String v = value(name, null);
            if (v == null) {
                return given;
            }
            try {
                return Integer.valueOf(v.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " '" + v + "' is not " + what);
            }
        }

        /** The words that were not options, in order (only with {@link #keepOtherWords()}). */
        public List<String> others() {
            return List.copyOf(others);
        }
    }
}
