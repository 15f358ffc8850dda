package org.plugboard.api.settings;

/**
 * An extension's voicemail box as the admin sees it: whether a PIN is set (never the PIN), its messages and seconds
 * of audio, and which personal greetings are recorded.
 */
public record VoicemailBox(boolean pinSet, int newMessages, int savedMessages, long seconds, boolean unavailableGreeting,
        boolean busyGreeting) {
}
