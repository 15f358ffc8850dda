package org.plugboard.blf.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;

import org.junit.jupiter.api.Test;
import org.plugboard.api.subscription.Watch;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** Every document is well-formed, valid against the RFC 4235 schema, and says what the RFC's fields mean. */
class DialogInfoXmlTest {
    private static final String NS = "urn:ietf:params:xml:ns:dialog-info";

    static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    /** Schema validation (RFC 4235 section 4.4); throws SAXException for an invalid document. */
    static void validate(byte[] xml) throws Exception {
        SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        Validator v = f.newSchema(DialogInfoXmlTest.class.getResource("/dialog-info.xsd")).newValidator();
        v.validate(new StreamSource(new ByteArrayInputStream(xml)));
    }

    private static Element child(Element e, String name) {
        NodeList l = e.getElementsByTagNameNS(NS, name);
        return l.getLength() == 0 ? null : (Element) l.item(0);
    }

    @Test
    void anIdleExtensionIsAFullDocumentWithoutDialogs() throws Exception {
        byte[] xml = DialogInfoXml.render(new Watch("1001", "1002", "sip:1002@127.0.0.1", 0), List.of());
        validate(xml);
        Element root = parse(xml).getDocumentElement();
        assertEquals(NS, root.getNamespaceURI());
        assertEquals("dialog-info", root.getLocalName());
        assertEquals("0", root.getAttribute("version"));
        assertEquals("full", root.getAttribute("state"));
        assertEquals("sip:1002@127.0.0.1", root.getAttribute("entity"));
        assertEquals(0, root.getElementsByTagNameNS(NS, "dialog").getLength());
    }

    @Test
    void aRingingDeviceIsAnEarlyRecipientDialogWithBothPartiesAndTheDevice() throws Exception {
        DialogEntry d = new DialogEntry("leg-1@pbx", "leg-1@pbx", false, "early", null, "1002", "Bob", "127.0.0.1:16611", "1001", "Alice");
        byte[] xml = DialogInfoXml.render(new Watch("1001", "1002", "sip:1002@127.0.0.1", 7), List.of(d));
        validate(xml);
        Element root = parse(xml).getDocumentElement();
        assertEquals("7", root.getAttribute("version"));
        Element dialog = child(root, "dialog");
        assertEquals("leg-1@pbx", dialog.getAttribute("id"));
        assertEquals("leg-1@pbx", dialog.getAttribute("call-id"));
        assertEquals("recipient", dialog.getAttribute("direction"));
        assertEquals("early", child(dialog, "state").getTextContent());
        Element local = child(dialog, "local");
        assertEquals("sip:1002@127.0.0.1", child(local, "identity").getTextContent());
        assertEquals("Bob", child(local, "identity").getAttribute("display-name"));
        assertEquals("sip:1002@127.0.0.1:16611", child(local, "target").getAttribute("uri"));
        Element remote = child(dialog, "remote");
        assertEquals("sip:1001@127.0.0.1", child(remote, "identity").getTextContent());
        assertEquals("Alice", child(remote, "identity").getAttribute("display-name"));
    }

    @Test
    void anEndedDialogIsTerminatedWithItsEvent() throws Exception {
        DialogEntry d = new DialogEntry("c", "c", true, "terminated", "remote-bye", "1001", "", null, "1002", null);
        byte[] xml = DialogInfoXml.render(new Watch("1003", "1001", "sip:1001@pbx.example", 3), List.of(d));
        validate(xml);
        Element dialog = child(parse(xml).getDocumentElement(), "dialog");
        assertEquals("initiator", dialog.getAttribute("direction"));
        assertEquals("terminated", child(dialog, "state").getTextContent());
        assertEquals("remote-bye", child(dialog, "state").getAttribute("event"));
        assertEquals("", child(child(dialog, "local"), "identity").getAttribute("display-name"), "no name: no attribute");
        assertEquals("sip:1002@pbx.example", child(child(dialog, "remote"), "identity").getTextContent());
    }

    @Test
    void namesAndIdsWithMarkupCharactersStayWellFormed() throws Exception {
        DialogEntry d = new DialogEntry("a\"<b>&'c", "a\"<b>&'c", false, "confirmed", null, "1002", "Tom & \"Jerry\" <x>\u0001", null, "1001", null);
        byte[] xml = DialogInfoXml.render(new Watch("1001", "1002", "sip:1002@127.0.0.1", 1), List.of(d));
        validate(xml);
        Element dialog = child(parse(xml).getDocumentElement(), "dialog");
        assertEquals("a\"<b>&'c", dialog.getAttribute("id"));
        assertEquals("Tom & \"Jerry\" <x>?", child(child(dialog, "local"), "identity").getAttribute("display-name"));
    }

    @Test
    void theSchemaRefusesWhatTheRfcDoesNotAllow() {
        byte[] bad = ("<dialog-info xmlns=\"" + NS + "\" version=\"0\" state=\"full\" entity=\"sip:a@b\"><dialog id=\"x\">"
                + "<state>ringing</state></dialog></dialog-info>").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThrows(SAXException.class, () -> validate(bad), "the schema is strict enough to catch a wrong state");
    }
}
