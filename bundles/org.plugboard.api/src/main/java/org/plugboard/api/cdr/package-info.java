/** Call detail records and the sinks that store them. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.5.0")
package org.plugboard.api.cdr;
