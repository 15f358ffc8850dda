package org.plugboard.api.service;

/**
 * One forwarding hop of a call: {@code from} (the user who forwards) sent it on to {@code to}. The B2BUA tells the
 * caller of each hop with {@code 181 Call Is Being Forwarded} and {@code Call-Info: purpose=forwarding,
 * username="from", contact="to"}, and names the original callee to the new target in a Diversion header
 * (RFC 5806).
 *
 * @param from   the user (extension, number) who forwards
 * @param to     the number the call goes to now
 * @param reason why: RFC 5806 reason tokens such as {@code unconditional}, {@code user-busy}, {@code no-answer},
 *               {@code unavailable}, {@code deflection}, {@code time-of-day}
 */
public record Diversion(String from, String to, String reason) {
    public Diversion {
        if (from == null || to == null || reason == null) {
            throw new IllegalArgumentException("a diversion needs from, to and reason");
        }
    }
}
