/**
 * Protection of the PBX against abusive sources (the authentication-failure guard and its bans), and digest
 * authentication as a server (requests from extensions) and as a client (requests to providers).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package org.plugboard.api.security;
