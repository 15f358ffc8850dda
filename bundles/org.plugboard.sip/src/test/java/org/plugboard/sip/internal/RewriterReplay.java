package org.plugboard.sip.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.xml.parsers.DocumentBuilderFactory;

import org.osgi.framework.Constants;
import org.plugboard.api.sip.RewriteContext;
import org.plugboard.api.sip.SipMessageRewriter;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Replays captured messages through a rewriter the way the SIP bundle runs it: with the service properties its DS
 * descriptor declares (as bnd wrote it to {@code target/classes/OSGI-INF}) plus a configuration, through the SIP
 * bundle's own profile and method selection, with the RI's header factory in the context. For the interop bundles'
 * unit tests: this module's test-jar.
 */
public final class RewriterReplay {
    private final Map<String, Object> properties;
    private final List<Whiteboard.Ranked<RewriterChain.Entry>> chain;

    private RewriterReplay(SipMessageRewriter rewriter, Map<String, Object> properties) {
        this.properties = Map.copyOf(properties);
        this.chain = List.of(Whiteboard.ranked(RewriterChain.Entry.of(rewriter, properties), properties));
    }

    /** @param configuration the factory configuration's properties, e.g. {@code plugboard.profiles} */
    public static RewriterReplay of(SipMessageRewriter rewriter, Map<String, Object> configuration) throws Exception {
        Map<String, Object> props = new HashMap<>(declared(rewriter.getClass().getName()));
        props.putAll(configuration); // DS: configuration overrides the component's own properties
        props.put(Constants.SERVICE_ID, 1L);
        return new RewriterReplay(rewriter, props);
    }

    /** The service properties the rewriter would be registered with. */
    public Map<String, Object> properties() {
        return properties;
    }

    /** The captured request {@code traces/<name>} after the outbound chain of {@code profile}. */
    public Request outbound(String trace, String profile) throws Exception {
        Request r = request(trace);
        run(r, RewriteContext.Direction.OUTBOUND, profile);
        return r;
    }

    /** The captured request {@code traces/<name>} after the inbound chain of {@code profile}. */
    public Request inbound(String trace, String profile) throws Exception {
        Request r = request(trace);
        run(r, RewriteContext.Direction.INBOUND, profile);
        return r;
    }

    public void run(Message message, RewriteContext.Direction direction, String profile) {
        RewriterChain.apply(chain, message, new RewriteContext(direction, profile, "UDP",
                InetSocketAddress.createUnresolved("127.0.0.1", 16080), Messages.HEADERS));
    }

    /** A captured request from {@code src/test/resources/traces/} (LF line ends in the file, CRLF on the wire). */
    public static Request request(String trace) throws Exception {
        try (InputStream in = RewriterReplay.class.getResourceAsStream("/traces/" + trace)) {
            if (in == null) {
                throw new IOException("no trace " + trace + " in src/test/resources/traces/");
            }
            String s = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n").replace("\n", "\r\n");
            return Messages.MESSAGES.createRequest(s.endsWith("\r\n\r\n") ? s : s.stripTrailing() + "\r\n\r\n");
        }
    }

    /** The {@code <property>} elements of the DS descriptor bnd generated for {@code implementation}. */
    static Map<String, Object> declared(String implementation) throws Exception {
        Path dir = Path.of("target", "classes", "OSGI-INF");
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.xml")) {
            for (Path file : files) {
                Element root = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile()).getDocumentElement();
                NodeList impl = root.getElementsByTagName("implementation");
                if (impl.getLength() == 1 && implementation.equals(((Element) impl.item(0)).getAttribute("class"))) {
                    return properties(root.getElementsByTagName("property"));
                }
            }
        }
        throw new IOException("no DS descriptor for " + implementation + " in " + dir.toAbsolutePath() + ": is it a @Component?");
    }

    private static Map<String, Object> properties(NodeList nodes) {
        Map<String, Object> out = new HashMap<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element p = (Element) nodes.item(i);
            boolean integer = "Integer".equals(p.getAttribute("type"));
            if (p.hasAttribute("value")) {
                out.put(p.getAttribute("name"), integer ? (Object) Integer.valueOf(p.getAttribute("value")) : p.getAttribute("value"));
            } else { // an array: one value per line of the body
                List<String> values = new ArrayList<>();
                for (String line : p.getTextContent().split("\n")) {
                    if (!line.isBlank()) {
                        values.add(line.trim());
                    }
                }
                out.put(p.getAttribute("name"), values.toArray(new String[0]));
            }
        }
        return out;
    }
}
