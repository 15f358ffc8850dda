package org.plugboard.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.Test;

class CommandFailureTest {
    @Test
    void theConsoleShowsTheErrorLineAsIs() {
        CommandException e = CommandFailure.of("no extension 1099; pbx:ext-list shows them");
        assertEquals("Error: no extension 1099; pbx:ext-list shows them", e.getNiceHelp());
        assertEquals("no extension 1099; pbx:ext-list shows them", e.getMessage());
    }

    @Test
    void isKarafsOwnTypeSoKarafLogsItWithoutAStackTrace() {
        // ShellUtil.logException: "CommandException" by simple name is logged at DEBUG, anything else at ERROR
        assertEquals("CommandException", CommandFailure.of("x").getClass().getSimpleName());
    }

    @Test
    void fromAnExceptionKeepsItsMessageAndCause() {
        IllegalArgumentException bad = new IllegalArgumentException("'juggling' is not a ring strategy: use simultaneous");
        CommandException e = CommandFailure.from(bad);
        assertEquals("Error: 'juggling' is not a ring strategy: use simultaneous", e.getNiceHelp());
        assertSame(bad, e.getCause());
        assertEquals("Error: IllegalStateException", CommandFailure.from(new IllegalStateException()).getNiceHelp());
    }
}
