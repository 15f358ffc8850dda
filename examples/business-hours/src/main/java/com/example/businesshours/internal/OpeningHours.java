package com.example.businesshours.internal;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * When the business is open: the days of the week and one daily period, in a time zone. A period whose closing
 * time is not after its opening time runs past midnight into the next day ({@code 22:00-06:00}; {@code close =
 * 00:00} means until midnight).
 */
record OpeningHours(Set<DayOfWeek> days, LocalTime open, LocalTime close, ZoneId zone) {
    OpeningHours {
        days = days.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(days));
    }

    /** Parses the configuration values; each error names the key, the bad value and the expected form. */
    static OpeningHours parse(String[] days, String open, String close, String zone) {
        return new OpeningHours(days(days), time("open", open), time("close", close), zone(zone));
    }

    boolean isOpen(Instant instant) {
        ZonedDateTime local = instant.atZone(zone);
        DayOfWeek day = local.getDayOfWeek();
        LocalTime time = local.toLocalTime();
        if (open.isBefore(close)) {
            return days.contains(day) && !time.isBefore(open) && time.isBefore(close);
        }
        // Over midnight: from the opening on a listed day, or before the closing on the day after one.
        return days.contains(day) && !time.isBefore(open) || days.contains(day.minus(1)) && time.isBefore(close);
    }

    @Override
    public String toString() {
        return days + " " + open + "-" + close + " " + zone;
    }

    /** {@code MON-FRI,SAT}: days and ranges, comma separated (a .cfg file gives the list as one string). */
    static Set<DayOfWeek> days(String[] values) {
        Set<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
        for (String item : items(values)) {
            String[] range = item.split("-", 2);
            DayOfWeek first = day(range[0]);
            DayOfWeek last = range.length == 2 ? day(range[1]) : first;
            for (DayOfWeek d = first; ; d = d.plus(1)) { // SAT-MON wraps over the week's end
                out.add(d);
                if (d == last) {
                    break;
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("days is empty: list the open days, e.g. days = MON-FRI");
        }
        return out;
    }

    private static DayOfWeek day(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (t.length() >= 3 && d.name().startsWith(t)) {
                return d;
            }
        }
        throw new IllegalArgumentException("days: '" + text.trim() + "' is not a day; use MON TUE WED THU FRI SAT SUN, "
                + "e.g. days = MON-FRI,SAT");
    }

    private static LocalTime time(String key, String text) {
        try {
            return LocalTime.parse(text == null ? "" : text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + ": '" + text + "' is not a time of day; use HH:MM, e.g. " + key
                    + " = 09:00");
        }
    }

    private static ZoneId zone(String text) {
        if (text == null || text.isBlank()) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(text.trim());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("timezone: '" + text + "' is not a time zone; use a region such as "
                    + "Europe/Paris, or UTC (empty: the PBX's own zone)");
        }
    }

    /** The non-blank items of a list value given as an array, comma-separated strings, or both. */
    static List<String> items(String[] values) {
        List<String> out = new ArrayList<>();
        for (String v : values == null ? new String[0] : values) {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }
}
