/**
 * The call-service layer: services triggered at detection points of a call (screening, forwarding, DND, business
 * hours...), the outcome each returns, and the plan that says which services run for whom and in which order.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package org.plugboard.api.service;
