package org.plugboard.api.directory;

import java.util.List;

/**
 * What a bulk import did.
 *
 * @param added    new extensions
 * @param updated  existing extensions whose name or password changed
 * @param rejected one message per line that was not imported, naming the line and the problem
 */
public record ImportResult(int added, int updated, List<String> rejected) {
}
