/** Protection of the PBX against abusive sources: the authentication-failure guard and its bans. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.plugboard.api.security;
