/** Per-extension settings of the call-service bundles, for REST and the web page: each provided by its bundle. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.plugboard.api.settings;
