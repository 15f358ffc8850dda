package org.plugboard.api.directory;

/**
 * An extension: a number people dial and phones register as.
 *
 * @param number      digits (and optionally a leading +), the SIP user part
 * @param displayName shown to callees
 * @param maxDevices  how many contacts may be registered at once; 1 means a new device replaces the old one
 */
public record Extension(String number, String displayName, int maxDevices) {
    public boolean multiDevice() {
        return maxDevices > 1;
    }
}
