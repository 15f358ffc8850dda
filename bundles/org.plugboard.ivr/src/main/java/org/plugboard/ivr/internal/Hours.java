package org.plugboard.ivr.internal;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;

/** Business hours: open ranges per weekday and holiday dates, in a timezone. */
record Hours(String name, ZoneId zone, List<Range> open, Set<LocalDate> holidays) {
    enum State {
        OPEN, CLOSED, HOLIDAY
    }

    Hours {
        open = List.copyOf(open);
        holidays = Set.copyOf(holidays);
    }

    /** {@code from} inclusive, {@code to} exclusive; {@code to} 24:00 is the end of the day (null). */
    record Range(Set<DayOfWeek> days, LocalTime from, LocalTime to) {
        Range {
            days = Set.copyOf(days);
        }

        boolean covers(DayOfWeek day, LocalTime t) {
            return days.contains(day) && !t.isBefore(from) && (to == null || t.isBefore(to));
        }
    }

    State at(Instant now) {
        ZonedDateTime local = now.atZone(zone);
        if (holidays.contains(local.toLocalDate())) {
            return State.HOLIDAY;
        }
        for (Range r : open) {
            if (r.covers(local.getDayOfWeek(), local.toLocalTime())) {
                return State.OPEN;
            }
        }
        return State.CLOSED;
    }
}
