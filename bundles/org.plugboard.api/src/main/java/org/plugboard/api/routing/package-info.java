/** The dial plan: where a dialled number goes. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.5.0")
package org.plugboard.api.routing;
