package org.plugboard.ivr.internal;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.plugboard.ivr.internal.XmlTree.Node;

/**
 * An IVR file to its immutable model: the schema has checked the shape (and that menu and hours names are unique);
 * this adds what XSD 1.0 cannot say or says only at the end of the file (a goto, start or time naming a menu or
 * hours of the file, exactly one of digits/pattern, a valid regular expression, a known timezone, a range that ends
 * after it starts), each with its line.
 */
final class IvrParser {
    private final XmlTree xml;
    private final long maxBytes;

    IvrParser(XmlTree xml, long maxBytes) {
        this.xml = xml;
        this.maxBytes = maxBytes;
    }

    long maxBytes() {
        return maxBytes;
    }

    /** @param name the IVR's name (the file name without .xml), {@code file} the name faults give */
    Ivr parse(String name, String file, byte[] content) throws IvrFault {
        if (content.length > maxBytes) {
            throw new IvrFault(file, 0, 0, "is " + content.length + " bytes, over the limit of " + maxBytes
                    + " (max.file.bytes of org.plugboard.ivr)");
        }
        Node root = xml.parse(file, content);
        Map<String, Hours> hours = new LinkedHashMap<>();
        for (Node h : root.all("hours")) {
            hours.put(h.attr("name"), hours(file, h));
        }
        Set<String> menuNames = new HashSet<>();
        root.all("menu").forEach(m -> menuNames.add(m.attr("name")));
        String start = root.attr("start") != null ? root.attr("start") : root.all("menu").get(0).attr("name");
        if (!menuNames.contains(start)) {
            throw new IvrFault(file, root.line(), root.column(), "start=\"" + start + "\" names no menu of this file");
        }
        Map<String, Ivr.Menu> menus = new LinkedHashMap<>();
        Names names = new Names(menuNames, hours.keySet());
        for (Node m : root.all("menu")) {
            menus.put(m.attr("name"), new Ivr.Menu(m.attr("name"), steps(file, names, m)));
        }
        return new Ivr(name, root.attr("number"), root.attr("language"), start, menus, hours, 1);
    }

    private List<Step> steps(String file, Names names, Node parent) throws IvrFault {
        List<Step> steps = new ArrayList<>();
        if (parent == null) {
            return steps;
        }
        for (Node n : parent.children()) {
            steps.add(switch (n.name()) {
                case "play" -> new Step.Play(n.attr("prompt"), !"false".equals(n.attr("bargein")) && !"0".equals(n.attr("bargein")));
                case "collect" -> collect(file, names, n);
                case "branch" -> new Step.Branch(n.attr("var"), choices(file, names, n), steps(file, names, n.first("otherwise")));
                case "time" -> new Step.Time(names.hours(file, n, n.attr("hours")), steps(file, names, n.first("open")),
                        steps(file, names, n.first("closed")), n.first("holiday") == null ? null : steps(file, names, n.first("holiday")));
                case "set" -> new Step.SetVar(n.attr("var"), n.attr("value"));
                case "goto" -> new Step.Goto(names.menu(file, n, n.attr("menu")));
                case "transfer" -> new Step.Transfer(n.attr("to"), or(n.attr("kind"), "extension"));
                case "hangup" -> new Step.Hangup();
                default -> throw new IvrFault(file, n.line(), n.column(), "unknown step <" + n.name() + ">");
            });
        }
        return steps;
    }

    private Step.Collect collect(String file, Names names, Node n) throws IvrFault {
        String invalid = or(n.attr("invalid"), "invalid");
        return new Step.Collect(or(n.attr("var"), "digits"), n.attr("prompt"), Integer.parseInt(or(n.attr("max"), "1")),
                or(n.attr("terminator"), ""), Duration.ofSeconds(Integer.parseInt(or(n.attr("first-timeout"), "5"))),
                Duration.ofSeconds(Integer.parseInt(or(n.attr("inter-timeout"), "3"))),
                Integer.parseInt(or(n.attr("retries"), "2")), invalid, or(n.attr("no-input"), invalid), choices(file, names, n),
                steps(file, names, n.first("otherwise")));
    }

    private List<Step.Choice> choices(String file, Names names, Node parent) throws IvrFault {
        List<Step.Choice> choices = new ArrayList<>();
        for (Node on : parent.all("on")) {
            String digits = on.attr("digits");
            String pattern = on.attr("pattern");
            if ((digits == null) == (pattern == null)) {
                throw new IvrFault(file, on.line(), on.column(), "an <on> needs exactly one of digits=\"...\" or pattern=\"...\"");
            }
            Pattern compiled = null;
            if (pattern != null) {
                try {
                    compiled = Pattern.compile(pattern);
                } catch (PatternSyntaxException e) {
                    throw new IvrFault(file, on.line(), on.column(), "pattern \"" + pattern + "\" is not a valid regular expression: "
                            + e.getDescription());
                }
            }
            choices.add(new Step.Choice(digits, compiled, steps(file, names, on)));
        }
        return choices;
    }

    /** The menus and hours a step may name. */
    private record Names(Set<String> menus, Set<String> hours) {
        String menu(String file, Node n, String name) throws IvrFault {
            if (!menus.contains(name)) {
                throw new IvrFault(file, n.line(), n.column(), "goto names menu \"" + name + "\", which this file does not have; menus: "
                        + new java.util.TreeSet<>(menus));
            }
            return name;
        }

        String hours(String file, Node n, String name) throws IvrFault {
            if (!hours.contains(name)) {
                throw new IvrFault(file, n.line(), n.column(), "time names hours \"" + name + "\", which this file does not define"
                        + (hours.isEmpty() ? " (add an <hours name=\"" + name + "\"> before the menus)" : "; hours: " + new java.util.TreeSet<>(hours)));
            }
            return name;
        }
    }

    private static Hours hours(String file, Node h) throws IvrFault {
        ZoneId zone;
        try {
            zone = ZoneId.of(or(h.attr("timezone"), "UTC"));
        } catch (DateTimeException e) {
            throw new IvrFault(file, h.line(), h.column(), "unknown timezone \"" + h.attr("timezone") + "\" (e.g. Europe/Berlin, UTC)");
        }
        List<Hours.Range> ranges = new ArrayList<>();
        for (Node o : h.all("open")) {
            Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            for (String d : o.attr("days").trim().split("\\s+")) {
                days.add(day(d));
            }
            LocalTime from = LocalTime.parse(o.attr("from"));
            LocalTime to = "24:00".equals(o.attr("to")) ? null : LocalTime.parse(o.attr("to"));
            if (to != null && !to.isAfter(from)) {
                throw new IvrFault(file, o.line(), o.column(), "open from " + from + " to " + to + " ends before it starts");
            }
            ranges.add(new Hours.Range(days, from, to));
        }
        Set<LocalDate> holidays = new HashSet<>();
        for (Node d : h.all("holiday")) {
            holidays.add(LocalDate.parse(d.attr("date")));
        }
        return new Hours(h.attr("name"), zone, ranges, holidays);
    }

    private static DayOfWeek day(String d) {
        return switch (d) {
            case "mon" -> DayOfWeek.MONDAY;
            case "tue" -> DayOfWeek.TUESDAY;
            case "wed" -> DayOfWeek.WEDNESDAY;
            case "thu" -> DayOfWeek.THURSDAY;
            case "fri" -> DayOfWeek.FRIDAY;
            case "sat" -> DayOfWeek.SATURDAY;
            default -> DayOfWeek.SUNDAY;
        };
    }

    private static String or(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
