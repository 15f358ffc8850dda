package org.plugboard.api.routing;

/**
 * What a router is asked.
 *
 * @param dialled       the number or user part dialled (from a sip: or tel: Request-URI, visual separators removed)
 * @param caller        the authenticated extension, or the caller's number from a line or trunk
 * @param sourceProfile the profile the INVITE came in on ({@code default} for phones, a line or trunk name)
 */
public record RouteRequest(String dialled, String caller, String sourceProfile) {
}
