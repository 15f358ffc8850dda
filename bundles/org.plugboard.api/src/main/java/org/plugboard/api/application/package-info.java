/**
 * Media applications: things that answer a leg and talk to the caller through the media gateway (IVR,
 * voicemail, announcements, conferences). The media-application issue implements the leg; services name an
 * application by {@link org.plugboard.api.service.Outcome.Connect}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package org.plugboard.api.application;
