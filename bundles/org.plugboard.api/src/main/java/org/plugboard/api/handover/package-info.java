/** Live state handed from one version of a bundle to the next during a bundle update. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.plugboard.api.handover;
