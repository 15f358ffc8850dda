/**
 * Event packages for SIP subscriptions (RFC 6665): the PBX runs the SUBSCRIBE/NOTIFY dialogs, a package says what
 * its event is about (dialog state for BLF, message summary for MWI).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.plugboard.api.subscription;
