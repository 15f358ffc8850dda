/** The call model as other bundles see it: live call snapshots, call events and call control. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.7.0")
package org.plugboard.api.calls;
