package org.plugboard.conference.internal;

import java.util.regex.Pattern;

/**
 * A meet-me room: the number callers dial, a name for the console, an optional PIN (digits; empty: none) and how many
 * callers it holds at once. Construction checks every field and names the fault and the fix.
 */
public record Room(String number, String name, String pin, int maxMembers) {
    private static final Pattern NUMBER = Pattern.compile("[0-9]{2,15}");
    private static final Pattern PIN = Pattern.compile("[0-9]{0,12}");
    /** The most members a room may be given. */
    public static final int MAX_MEMBERS = 100;

    public Room {
        if (number == null || !NUMBER.matcher(number).matches()) {
            throw new IllegalArgumentException("room number '" + number + "' is not 2 to 15 digits, e.g. pbx:conf-add 800");
        }
        name = name == null || name.isBlank() ? "room " + number : name.trim();
        if (name.length() > 128) {
            throw new IllegalArgumentException("room name is " + name.length() + " characters long; give at most 128");
        }
        pin = pin == null ? "" : pin.trim();
        if (!PIN.matcher(pin).matches()) {
            throw new IllegalArgumentException("PIN '" + pin + "' is not up to 12 digits, e.g. --pin 4711 (or none: no --pin)");
        }
        if (maxMembers < 2 || maxMembers > MAX_MEMBERS) {
            throw new IllegalArgumentException("max members " + maxMembers + " is not 2 to " + MAX_MEMBERS + ", e.g. --max 10");
        }
    }

    public boolean hasPin() {
        return !pin.isEmpty();
    }
}
