package org.plugboard.api.subscription;

/**
 * One subscription as an event package sees it when it writes a NOTIFY body.
 *
 * @param subscriber the authenticated extension that subscribed
 * @param resource   the watched resource, e.g. {@code 1002}
 * @param entity     the resource's URI as the subscriber named it (To of the SUBSCRIBE, without parameters), e.g.
 *                   {@code sip:1002@192.0.2.10}; RFC 4235 calls it the entity
 * @param version    0 for the subscription's first NOTIFY, one more for each next one (RFC 4235 version)
 */
public record Watch(String subscriber, String resource, String entity, long version) {
}
