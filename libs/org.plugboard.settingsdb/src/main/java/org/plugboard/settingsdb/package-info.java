/**
 * Private helpers for bundles that keep their own tables in the PBX's database ('plugboard' DataSource): a schema
 * migrated by Flyway in the bundle's own history table, and transactions that fail with a message naming what
 * they were doing. Embedded with {@code -conditionalpackage}; never exported.
 */
package org.plugboard.settingsdb;
