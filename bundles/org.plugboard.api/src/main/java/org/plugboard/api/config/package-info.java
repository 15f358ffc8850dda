/**
 * Configuration that cannot be applied, reported where admins look (list commands, {@code pbx:config-check}, the
 * API) and not only in the log: each bundle publishes a {@link org.plugboard.api.config.ConfigProblems} service.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.plugboard.api.config;
