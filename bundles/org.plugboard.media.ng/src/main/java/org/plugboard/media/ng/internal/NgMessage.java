package org.plugboard.media.ng.internal;

/** One ng datagram: the cookie that pairs a reply with its request, and the dictionary. */
public record NgMessage(String cookie, NgDict dict) {
}
