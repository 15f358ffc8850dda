/** The IVR-XML files as managed files: list, read, validate and write, delete, the schema (for REST and the web page). */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.plugboard.api.ivr;
