/** Where extensions are registered: the location service (RFC 3261 section 10 bindings). */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.plugboard.api.location;
