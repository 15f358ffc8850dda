/**
 * Completers for {@code pbx:*} commands shared by bundles, copied in with {@code -conditionalpackage} like
 * {@link org.plugboard.console}; a package of its own, so that only bundles that complete extensions import the
 * directory API.
 */
package org.plugboard.console.completers;
