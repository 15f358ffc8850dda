package org.plugboard.ivr.internal;

import java.nio.charset.StandardCharsets;

/** IVR files for the tests. */
final class Files4Test {
    private Files4Test() {
    }

    /** The shipped example's shape: business hours, a main menu, digits, a pattern. Lines matter to the tests. */
    static final String MAIN = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ivr number="500" language="en">
              <hours name="office" timezone="Europe/Berlin">
                <open days="mon tue wed thu fri" from="08:00" to="18:00"/>
                <holiday date="2026-12-25"/>
              </hours>
              <menu name="main">
                <time hours="office">
                  <open><play prompt="welcome"/><goto menu="choose"/></open>
                  <closed><play prompt="not-available"/><transfer to="800" kind="voicemail"/></closed>
                  <holiday><play prompt="goodbye"/><hangup/></holiday>
                </time>
              </menu>
              <menu name="choose">
                <collect var="choice" max="4" terminator="#" retries="2" prompt="menu-prompt">
                  <on digits="1"><transfer to="1001"/></on>
                  <on digits="2"><transfer to="600" kind="group"/></on>
                  <on digits="9"><transfer to="800" kind="voicemail"/></on>
                  <on pattern="1[0-9]{3}"><transfer to="${choice}"/></on>
                  <otherwise><play prompt="goodbye"/><hangup/></otherwise>
                </collect>
              </menu>
            </ivr>
            """;

    static byte[] bytes(String xml) {
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    /** A one-menu IVR: press 1 for {@code one}, 2 for {@code two}. */
    static String simple(String number, String one, String two) {
        return """
                <ivr number="%s">
                  <menu name="main">
                    <collect max="1" retries="0">
                      <on digits="1"><transfer to="%s"/></on>
                      <on digits="2"><transfer to="%s"/></on>
                    </collect>
                  </menu>
                </ivr>
                """.formatted(number, one, two);
    }
}
