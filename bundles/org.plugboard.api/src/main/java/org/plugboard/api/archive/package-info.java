/** Stored audio for admins and the web page: call recordings and voicemail messages, listed and read as WAV files. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.plugboard.api.archive;
