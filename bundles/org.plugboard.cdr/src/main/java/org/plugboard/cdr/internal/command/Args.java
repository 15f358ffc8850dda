package org.plugboard.cdr.internal.command;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Parsing of the console's option values and formatting of times, with messages that name the valid values. */
final class Args {
    private static final Pattern AGO = Pattern.compile("(\\d{1,6})([smhd])");
    static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
    static final DateTimeFormatter LOCAL_MS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS xxx");

    private Args() {
    }

    /** Case-insensitive enum constant; the message lists the valid ones. */
    static <E extends Enum<E>> E constant(Class<E> type, String option, String value) {
        if (value == null) {
            return null;
        }
        String name = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not a valid " + option + ": use one of " + names(type));
    }

    static <E extends Enum<E>> String names(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
    }

    /**
     * A point in time: {@code 2026-11-23T10:00[:00]} or {@code 2026-11-23 10:00} (local time), {@code 2026-11-23}
     * (midnight), {@code 10:00} (today), with an offset or {@code Z}, or {@code 30m}, {@code 2h}, {@code 7d} ago.
     */
    static Instant time(String option, String value, Clock clock) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        ZoneId zone = clock.getZone();
        Matcher ago = AGO.matcher(v);
        if (ago.matches()) {
            long n = Long.parseLong(ago.group(1));
            Duration d = switch (ago.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return clock.instant().minus(d);
        }
        String iso = v.replace(' ', 'T');
        try {
            if (iso.length() == 10) {
                return LocalDate.parse(iso).atStartOfDay(zone).toInstant();
            }
            if (iso.length() <= 8 && iso.indexOf('T') < 0) {
                return LocalDate.now(clock).atTime(LocalTime.parse(iso)).atZone(zone).toInstant();
            }
            if (iso.endsWith("Z") || iso.matches(".*[+-]\\d{2}:?\\d{2}$")) {
                return OffsetDateTime.parse(iso.replaceAll("([+-]\\d{2})(\\d{2})$", "$1:$2")).toInstant();
            }
            return LocalDateTime.parse(iso).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + value + "' is not a valid " + option + " time: use 2026-11-23T10:00 "
                    + "(local time), 2026-11-23, 10:00 (today), 2026-11-23T09:00Z, or 30m, 2h, 7d for that long ago");
        }
    }

    static String local(Instant t, ZoneId zone) {
        return t == null ? "" : LOCAL.format(t.atZone(zone));
    }

    static String localPrecise(Instant t, ZoneId zone) {
        return t == null ? "" : LOCAL_MS.format(t.atZone(zone));
    }

    static String text(Object o) {
        return o == null ? "" : o.toString();
    }
}
