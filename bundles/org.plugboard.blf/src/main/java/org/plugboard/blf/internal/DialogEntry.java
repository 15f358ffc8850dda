package org.plugboard.blf.internal;

/**
 * One dialog of an extension as the dialog package reports it (RFC 4235 section 4.1.6): a leg of a call, seen from
 * the extension's side.
 *
 * @param id            stable within the extension's documents: the leg's Call-ID
 * @param callId        the leg's SIP Call-ID (the call-id attribute)
 * @param initiator     true when the extension placed the call (direction initiator), false when it is called
 * @param state         trying, early, confirmed or terminated
 * @param event         why it ended (cancelled, rejected, local-bye, remote-bye), or null
 * @param local         the extension's number
 * @param localName     its display name, or null
 * @param device        where the leg reaches the extension's device ({@code host:port}), or null
 * @param remote        the number at the other end
 * @param remoteName    its display name, or null
 */
record DialogEntry(String id, String callId, boolean initiator, String state, String event, String local, String localName, String device,
        String remote, String remoteName) {
    static final String TRYING = "trying";
    static final String EARLY = "early";
    static final String CONFIRMED = "confirmed";
    static final String TERMINATED = "terminated";

    DialogEntry terminated(String why) {
        return new DialogEntry(id, callId, initiator, TERMINATED, why, local, localName, device, remote, remoteName);
    }

    boolean ended() {
        return TERMINATED.equals(state);
    }
}
