/** Voicemail's public hook: {@link org.plugboard.voicemail.MessageListener}, told of each stored message. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.plugboard.voicemail;
