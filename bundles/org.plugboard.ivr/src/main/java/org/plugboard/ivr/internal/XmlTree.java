package org.plugboard.ivr.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;

import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads an IVR file into a small element tree with line numbers, validated against {@code ivr.xsd} while it is
 * parsed. Hardened: a DOCTYPE is refused (so no entities: no external entities, no billion laughs), no external
 * DTD or schema is fetched, the JDK's secure-processing limits apply. The JDK's own JAXP implementation is used
 * (newDefaultInstance), whatever the OSGi framework offers as a provider.
 */
final class XmlTree {
    /** An element: name, attributes (schema defaults filled in), children, where it starts. */
    record Node(String name, Map<String, String> attributes, List<Node> children, int line, int column) {
        String attr(String key) {
            return attributes.get(key);
        }

        List<Node> all(String childName) {
            return children.stream().filter(c -> c.name.equals(childName)).toList();
        }

        Node first(String childName) {
            return children.stream().filter(c -> c.name.equals(childName)).findFirst().orElse(null);
        }
    }

    private final Schema schema;

    XmlTree() {
        this(XmlTree.class.getResource("ivr.xsd"));
    }

    XmlTree(URL xsd) {
        try {
            SchemaFactory factory = SchemaFactory.newDefaultInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            schema = factory.newSchema(xsd);
        } catch (SAXException e) {
            throw new IllegalStateException("the IVR schema ivr.xsd cannot be loaded: " + e.getMessage(), e);
        }
    }

    /** @throws IvrFault naming the line and column of the first fault */
    Node parse(String file, byte[] content) throws IvrFault {
        Builder builder = new Builder();
        try {
            SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setXIncludeAware(false);
            factory.setSchema(schema);
            SAXParser parser = factory.newSAXParser();
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            parser.parse(new InputSource(new ByteArrayInputStream(content)), builder);
        } catch (SAXParseException e) {
            throw new IvrFault(file, e.getLineNumber(), e.getColumnNumber(), explain(e.getMessage()));
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw new IvrFault(file, 0, 0, "cannot be read as XML: " + e.getMessage());
        }
        return builder.root;
    }

    /** The parser's words, with a hint where they are obscure. */
    private static String explain(String message) {
        if (message != null && message.contains("DOCTYPE")) {
            return "a DOCTYPE (and so any entity) is not allowed in an IVR file; remove it";
        }
        return message;
    }

    private static final class Builder extends DefaultHandler {
        private final Deque<Node> open = new ArrayDeque<>();
        private Locator locator;
        Node root;

        @Override
        public void setDocumentLocator(Locator l) {
            this.locator = l;
        }

        @Override
        public void startElement(String uri, String local, String qName, Attributes atts) {
            Map<String, String> attributes = new HashMap<>();
            for (int i = 0; i < atts.getLength(); i++) {
                attributes.put(atts.getLocalName(i).isEmpty() ? atts.getQName(i) : atts.getLocalName(i), atts.getValue(i));
            }
            Node node = new Node(local.isEmpty() ? qName : local, attributes, new ArrayList<>(),
                    locator == null ? 0 : locator.getLineNumber(), locator == null ? 0 : locator.getColumnNumber());
            if (open.isEmpty()) {
                root = node;
            } else {
                open.peek().children().add(node);
            }
            open.push(node);
        }

        @Override
        public void endElement(String uri, String local, String qName) {
            open.pop();
        }

        /** Validation errors are errors, not warnings to ignore. */
        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    }
}
