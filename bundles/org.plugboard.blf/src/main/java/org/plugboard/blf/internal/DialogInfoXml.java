package org.plugboard.blf.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.plugboard.api.subscription.Watch;

/**
 * Writes an RFC 4235 dialog-info document (section 4): always full state, version from the subscription, entity the
 * watched URI, one dialog element per dialog with its state, direction, Call-ID and both parties' identities (with
 * display names from the directory) and the device's address as the local target.
 */
final class DialogInfoXml {
    static final String NAMESPACE = "urn:ietf:params:xml:ns:dialog-info";
    static final String CONTENT_TYPE = "application/dialog-info+xml";

    private DialogInfoXml() {
    }

    static byte[] render(Watch watch, List<DialogEntry> dialogs) {
        String domain = domainOf(watch.entity());
        StringBuilder x = new StringBuilder(256 + dialogs.size() * 400);
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append("<dialog-info xmlns=\"").append(NAMESPACE).append("\" version=\"").append(watch.version())
                .append("\" state=\"full\" entity=\"").append(escape(watch.entity())).append("\">\n");
        for (DialogEntry d : dialogs) {
            x.append("  <dialog id=\"").append(escape(d.id())).append('"');
            if (d.callId() != null) {
                x.append(" call-id=\"").append(escape(d.callId())).append('"');
            }
            x.append(" direction=\"").append(d.initiator() ? "initiator" : "recipient").append("\">\n");
            x.append("    <state");
            if (d.event() != null) {
                x.append(" event=\"").append(d.event()).append('"');
            }
            x.append('>').append(d.state()).append("</state>\n");
            x.append("    <local>\n");
            identity(x, d.local(), d.localName(), domain);
            if (d.device() != null) {
                x.append("      <target uri=\"").append(escape(uri(d.local(), d.device()))).append("\"/>\n");
            }
            x.append("    </local>\n");
            x.append("    <remote>\n");
            identity(x, d.remote(), d.remoteName(), domain);
            x.append("    </remote>\n");
            x.append("  </dialog>\n");
        }
        x.append("</dialog-info>\n");
        return x.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void identity(StringBuilder x, String number, String name, String domain) {
        x.append("      <identity");
        if (name != null && !name.isBlank()) {
            x.append(" display-name=\"").append(escape(name)).append('"');
        }
        x.append('>').append(escape(uri(number, domain))).append("</identity>\n");
    }

    private static String uri(String user, String hostPort) {
        return "sip:" + user + "@" + hostPort;
    }

    /** The host of {@code sip:1002@host} (what the subscriber calls the PBX), so identities name the same domain. */
    static String domainOf(String entity) {
        int at = entity.indexOf('@');
        String rest = at < 0 ? entity.substring(entity.indexOf(':') + 1) : entity.substring(at + 1);
        return rest.isEmpty() ? "localhost" : rest;
    }

    /** XML attribute and text escaping; characters XML 1.0 cannot carry become '?'. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> b.append(c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0xFFFE || c == 0xFFFF ? '?' : c);
            }
        }
        return b.toString();
    }
}
