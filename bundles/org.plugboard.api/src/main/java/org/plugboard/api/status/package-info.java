/** What lines and trunks are doing now, for consoles, the REST API and the web page. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.plugboard.api.status;
