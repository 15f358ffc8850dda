/** Who exists: extensions, their credentials (as digests) and permissions. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.plugboard.api.directory;
