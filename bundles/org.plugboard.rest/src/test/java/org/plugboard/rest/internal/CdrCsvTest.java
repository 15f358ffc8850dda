package org.plugboard.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.calls.Disposition;
import org.plugboard.api.cdr.CallDetailRecord;

class CdrCsvTest {
    @Test
    void quotesSeparatorsAndDefusesFormulas() {
        assertEquals("\"a,b\"", CdrCsv.field("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", CdrCsv.field("say \"hi\""));
        assertEquals("'=1+1", CdrCsv.field("=1+1"), "a spreadsheet must not run it");
        assertEquals("'+4930", CdrCsv.field("+4930"));
        assertEquals("-1", CdrCsv.field(-1), "numbers stay numbers");
        assertEquals("", CdrCsv.field(null));
    }

    @Test
    void oneLinePerRecordUnderTheHeader() {
        Instant t = Instant.parse("2026-12-01T10:00:00Z");
        CallDetailRecord r = new CallDetailRecord("cid@h", "7", "1001", "1002", "1002", t, t.plusSeconds(1),
                t.plusSeconds(3), t.plusSeconds(63), Disposition.ANSWERED, 200, 16, "Normal, clearing", CallTag.CALLER_BYE);
        String[] lines = CdrCsv.write(List.of(r)).split("\r\n");
        assertEquals(CdrCsv.HEADER, lines[0]);
        assertEquals("7,cid@h,1001,1002,1002,1002,2026-12-01T10:00:00Z,2026-12-01T10:00:01Z,2026-12-01T10:00:03Z,"
                + "2026-12-01T10:01:03Z,60,ANSWERED,200,16,\"Normal, clearing\",CALLER_BYE,,,", lines[1]);
        CallDetailRecord legs = new CallDetailRecord("cid@h", "8", "1001", "1002", "1002", t, null, t.plusSeconds(3),
                t.plusSeconds(63), Disposition.ANSWERED, 200, 16, "x", CallTag.CALLER_BYE, "1002", null, List.of(),
                List.of("cid@h", "b2b-1@pbx"));
        assertTrue(CdrCsv.write(List.of(legs)).split("\r\n")[1].endsWith(",cid@h b2b-1@pbx"), "every leg's Call-ID, space separated");
    }
}
