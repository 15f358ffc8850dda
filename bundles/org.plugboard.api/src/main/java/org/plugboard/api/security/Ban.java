package org.plugboard.api.security;

import java.time.Instant;

/**
 * A source address the PBX ignores until {@code until}.
 *
 * @param address  the banned IP address, textual
 * @param since    when the ban began
 * @param until    when it ends by itself
 * @param failures failed authentications that led to it
 */
public record Ban(String address, Instant since, Instant until, int failures) {
}
