/** The live SIP trace as data: on or off, and the messages of a call in order (the web page's ladder diagram). */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.plugboard.api.trace;
