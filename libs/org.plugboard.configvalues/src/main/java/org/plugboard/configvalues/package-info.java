/**
 * Private helpers for configuration values shared by bundles: each bundle copies this package in with bnd's
 * {@code -conditionalpackage} (never exported, never a bundle of its own), so nothing is copied by hand.
 */
package org.plugboard.configvalues;
