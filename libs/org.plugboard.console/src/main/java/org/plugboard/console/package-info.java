/**
 * Private helpers for the {@code pbx:*} console commands shared by bundles: each bundle copies this package in with
 * bnd's {@code -conditionalpackage} (never exported, never a bundle of its own).
 */
package org.plugboard.console;
