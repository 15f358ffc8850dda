package org.plugboard.api.calls;

/**
 * What became of a transfer asked with {@link CallControl#transfer}, in the status codes a REFER would get: 202
 * accepted (the target is being called); 481 no such call (or it ended); 403 refused (not an answered call, no
 * transfer service installed, or a service said no: {@code reason} says which); 482 a loop (the target is a party of
 * the call); 491 another transfer is in progress; 404 the target cannot be routed; 501 the call engine cannot
 * transfer. Since calls 1.7.
 *
 * @param status the status, 202 when accepted
 * @param reason why it was refused, for a person; empty when accepted
 */
public record TransferVerdict(int status, String reason) {
    public static final int ACCEPTED = 202;

    public boolean accepted() {
        return status == ACCEPTED;
    }
}
