package org.plugboard.lines.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A line tells each change of its state or last answer once, and not the ticking of its timers. */
class LineChangesTest extends RegistrationFixture {
    final List<String> told = new ArrayList<>();

    LineRegistration watched() {
        LineRegistration line = line(config());
        line.onChange((before, after) -> told.add(before.state() + " '" + before.lastResponse() + "' -> "
                + after.state() + " '" + after.lastResponse() + "'"));
        return line;
    }

    @Test
    void aChallengeThenAcceptanceIsOneChangeAndARefreshIsNone() throws Exception {
        LineRegistration line = watched();
        line.start();
        answer(line, 401); // answered with credentials: still unregistered, no answer recorded yet
        answerOk(line, 120);
        assertEquals(List.of("UNREGISTERED '' -> REGISTERED '200 OK'"), told);
        fireTimers(102_000); // the refresh is sent
        answerOk(line, 120);
        assertEquals(1, told.size(), "a refresh answered 200 again changes nothing: " + told);
    }

    @Test
    void aRefusalThenARecoveryAreTwoChanges() throws Exception {
        LineRegistration line = watched();
        line.start();
        answer(line, 403);
        assertEquals(List.of("UNREGISTERED '' -> FAILING '403 Forbidden'"), told);
        fireTimers(600_000); // the retry
        answer(line, 401);
        answerOk(line, 3600);
        assertEquals("FAILING '403 Forbidden' -> REGISTERED '200 OK'", told.get(told.size() - 1));
    }
}
