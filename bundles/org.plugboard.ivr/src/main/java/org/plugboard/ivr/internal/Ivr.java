package org.plugboard.ivr.internal;

import java.util.List;
import java.util.Map;

/**
 * One parsed IVR file, immutable: a call holds the version it started with while a reload replaces the catalog's.
 *
 * @param name     the file name without {@code .xml}
 * @param number   the number it answers
 * @param language the prompts' language (null: the engine's default)
 * @param start    the menu a call starts in
 * @param version  counts the good loads of this name, from 1
 */
record Ivr(String name, String number, String language, String start, Map<String, Menu> menus, Map<String, Hours> hours,
        int version) {
    Ivr {
        menus = Map.copyOf(menus);
        hours = Map.copyOf(hours);
    }

    Ivr withVersion(int v) {
        return new Ivr(name, number, language, start, menus, hours, v);
    }

    /** A named list of steps. */
    record Menu(String name, List<Step> steps) {
        Menu {
            steps = List.copyOf(steps);
        }
    }
}
