package org.plugboard.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One torture case of {@code src/test/resources/torture}: comment lines ({@code # stack: 200,405},
 * {@code # pbx: 407}, {@code # reason: CSeq}, the rest is its description), then one or more messages, each after a
 * {@code %%} line. In a message, lines end in CRLF on the wire; {@code ${local}} is the sender's address,
 * {@code ${server}} the server's, {@code ${id}} unique per run, {@code ${repeat:TEXT:N}} TEXT N times and
 * {@code ${len}} the body's length in bytes. The twin of the sip bundle's test class of that name, which
 * this probe (run inside Karaf) cannot load; keep the two alike.
 */
public record TortureCase(String name, List<String> stack, List<String> pbx, String reason, List<String> messages) {
    static final String DROP = "drop";
    private static final Pattern REPEAT = Pattern.compile("\\$\\{repeat:([^:}]*):(\\d+)}");
    private static final Pattern CALL_ID = Pattern.compile("(?im)^(?:call-id|i)[ \\t]*:[ \\t]*(\\S+)");

    static List<TortureCase> all(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            List<TortureCase> cases = new ArrayList<>();
            for (Path f : files.filter(p -> p.toString().endsWith(".sip")).sorted().toList()) {
                cases.add(read(f));
            }
            return cases;
        }
    }

    static TortureCase read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String[] parts = text.split("(?m)^%%\\n");
        List<String> stack = List.of();
        List<String> pbx = List.of();
        String reason = null;
        for (String line : parts[0].split("\n")) {
            String l = line.replaceFirst("^#\\s*", "");
            if (l.startsWith("stack:")) {
                stack = values(l);
            } else if (l.startsWith("pbx:")) {
                pbx = values(l);
            } else if (l.startsWith("reason:")) {
                reason = l.substring("reason:".length()).trim();
            }
        }
        List<String> messages = List.of(Arrays.copyOfRange(parts, 1, parts.length));
        String name = file.getFileName().toString().replaceFirst("\\.sip$", "");
        if (messages.isEmpty() || stack.size() != messages.size() || pbx.size() != messages.size()) {
            throw new IllegalArgumentException(name + ": one stack and one pbx answer per message");
        }
        return new TortureCase(name, stack, pbx, reason, messages);
    }

    private static List<String> values(String line) {
        return List.of(line.substring(line.indexOf(':') + 1).trim().split("\\s*,\\s*"));
    }

    /** Message {@code i} as it goes on the wire. */
    byte[] render(int i, String local, String server, String id) {
        String m = messages.get(i).replace("${local}", local).replace("${server}", server).replace("${id}", id);
        Matcher r = REPEAT.matcher(m);
        StringBuilder sb = new StringBuilder();
        while (r.find()) {
            r.appendReplacement(sb, Matcher.quoteReplacement(r.group(1).repeat(Integer.parseInt(r.group(2)))));
        }
        r.appendTail(sb);
        m = sb.toString().replace("\n", "\r\n");
        int head = m.indexOf("\r\n\r\n");
        int body = head < 0 ? 0 : m.substring(head + 4).getBytes(StandardCharsets.UTF_8).length;
        return m.replace("${len}", Integer.toString(body)).getBytes(StandardCharsets.UTF_8);
    }

    /** The Call-ID of a rendered message or answer, or null. */
    static String callId(String message) {
        int end = message.indexOf("\r\n\r\n");
        Matcher m = CALL_ID.matcher(end < 0 ? message : message.substring(0, end));
        return m.find() ? m.group(1) : null;
    }
}
