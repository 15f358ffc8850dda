package org.plugboard.ivr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class IvrParserTest {
    private static final XmlTree XML = new XmlTree();
    private final IvrParser parser = new IvrParser(XML, 64 * 1024);

    private Ivr parse(String xml) throws IvrFault {
        return parser.parse("main", "main.xml", Files4Test.bytes(xml));
    }

    private IvrFault refused(String xml) {
        return assertThrows(IvrFault.class, () -> parse(xml));
    }

    private IvrFault refusedEdit(String from, String to) {
        assertTrue(Files4Test.MAIN.contains(from), from);
        return refused(Files4Test.MAIN.replace(from, to));
    }

    @Test
    void aValidFileBecomesTheModel() throws IvrFault {
        Ivr ivr = parse(Files4Test.MAIN);
        assertEquals("500", ivr.number());
        assertEquals("en", ivr.language());
        assertEquals("main", ivr.start());
        assertEquals(2, ivr.menus().size());
        Hours office = ivr.hours().get("office");
        assertEquals(ZoneId.of("Europe/Berlin"), office.zone());
        assertEquals(1, office.open().size());
        Step.Collect c = (Step.Collect) ivr.menus().get("choose").steps().get(0);
        assertEquals("choice", c.var());
        assertEquals(4, c.max());
        assertEquals("#", c.terminator());
        assertEquals(5, c.firstTimeout().toSeconds()); // schema defaults
        assertEquals(3, c.interTimeout().toSeconds());
        assertEquals("invalid", c.invalid());
        assertEquals("invalid", c.noInput());
        assertEquals(4, c.choices().size());
        assertTrue(c.choices().get(3).matches("1234"));
        assertFalse(c.choices().get(3).matches("123"));
        assertInstanceOf(Step.Transfer.class, c.choices().get(1).steps().get(0));
        assertEquals(2, c.otherwise().size());
        Step.Time t = (Step.Time) ivr.menus().get("main").steps().get(0);
        assertEquals("office", t.hours());
        assertEquals(new Step.Goto("choose"), t.open().get(1));
    }

    @Test
    void aMinimalFileStartsInItsFirstMenu() throws IvrFault {
        Ivr ivr = parse("<ivr number=\"+4930123\"><menu name=\"a\"><hangup/></menu><menu name=\"b\"/></ivr>");
        assertEquals("a", ivr.start());
        assertEquals(null, ivr.language());
    }

    @Test
    void schemaFaultsNameTheirLine() {
        IvrFault f = refusedEdit("max=\"4\"", "max=\"99\"");
        assertEquals(15, f.line());
        assertTrue(f.fault().contains("99"), f.fault());
        assertEquals("main.xml", f.file());
        assertTrue(f.getMessage().startsWith("main.xml:15:"), f.getMessage());

        f = refusedEdit("<open><play prompt=\"welcome\"/>", "<open><dance/><play prompt=\"welcome\"/>");
        assertEquals(9, f.line());
        assertTrue(f.fault().contains("dance"), f.fault());

        f = refusedEdit("<ivr number=\"500\" language=\"en\">", "<ivr language=\"en\">");
        assertEquals(2, f.line());
        assertTrue(f.fault().contains("number"), f.fault());

        f = refusedEdit("<transfer to=\"1001\"/>", "<transfer to=\"ten-o-one\"/>");
        assertEquals(16, f.line());

        f = refusedEdit("from=\"08:00\"", "from=\"8 am\"");
        assertEquals(4, f.line());
    }

    @Test
    void aFileThatIsNotWellFormedIsRefusedAtItsLine() {
        IvrFault f = refusedEdit("</collect>\n  </menu>", "</collect>\n");
        assertTrue(f.line() >= 22, "line " + f.line());
    }

    @Test
    void referencesToMenusAndHoursAreChecked() {
        IvrFault f = refusedEdit("<goto menu=\"choose\"/>", "<goto menu=\"nowhere\"/>");
        assertEquals(9, f.line());
        assertTrue(f.fault().contains("nowhere") && f.fault().contains("choose"), f.fault());

        f = refusedEdit("<time hours=\"office\">", "<time hours=\"shop\">");
        assertEquals(8, f.line());
        assertTrue(f.fault().contains("shop"), f.fault());

        f = refusedEdit("<ivr number=\"500\" language=\"en\">", "<ivr number=\"500\" start=\"lobby\">");
        assertEquals(2, f.line());

        f = refusedEdit("<menu name=\"choose\">", "<menu name=\"main\">");
        assertTrue(f.fault().contains("main") || f.fault().contains("menuName"), f.fault());
    }

    @Test
    void whatTheSchemaCannotSayIsCheckedWithItsLine() {
        IvrFault f = refusedEdit("<on digits=\"2\">", "<on digits=\"2\" pattern=\"2\">");
        assertEquals(17, f.line());
        assertTrue(f.fault().contains("exactly one"), f.fault());

        f = refusedEdit("<on digits=\"2\">", "<on>");
        assertEquals(17, f.line());

        f = refusedEdit("pattern=\"1[0-9]{3}\"", "pattern=\"1[0-9{3}\"");
        assertEquals(19, f.line());
        assertTrue(f.fault().contains("regular expression"), f.fault());

        f = refusedEdit("timezone=\"Europe/Berlin\"", "timezone=\"Mars/Olympus\"");
        assertEquals(3, f.line());
        assertTrue(f.fault().contains("Mars/Olympus"), f.fault());

        f = refusedEdit("to=\"18:00\"", "to=\"07:00\"");
        assertEquals(4, f.line());
    }

    @Test
    void doctypesAndSoEntitiesAreRefused() {
        IvrFault xxe = refused("""
                <?xml version="1.0"?>
                <!DOCTYPE ivr [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <ivr number="500"><menu name="m"><play prompt="&secret;"/></menu></ivr>
                """);
        assertTrue(xxe.fault().contains("DOCTYPE"), xxe.fault());
        assertEquals(2, xxe.line());

        StringBuilder laughs = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE ivr [\n<!ENTITY l0 \"ha\">\n");
        for (int i = 1; i < 10; i++) {
            laughs.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">\n");
        }
        laughs.append("]>\n<ivr number=\"500\"><menu name=\"m\"><play prompt=\"&l9;\"/></menu></ivr>\n");
        IvrFault billion = refused(laughs.toString());
        assertTrue(billion.fault().contains("DOCTYPE"), billion.fault());
    }

    @Test
    void anOversizedFileIsRefusedUnread() {
        IvrParser small = new IvrParser(XML, 1024);
        byte[] big = Files4Test.bytes(Files4Test.MAIN.replace("<menu name=\"main\">", "<!--" + "x".repeat(2000) + "-->\n<menu name=\"main\">"));
        IvrFault f = assertThrows(IvrFault.class, () -> small.parse("main", "main.xml", big));
        assertEquals(0, f.line());
        assertTrue(f.fault().contains("over the limit of 1024"), f.fault());
    }
}
