package org.plugboard.rest.internal;

import java.util.Set;

/** Who sent a request: the Karaf user and its roles (from the JAAS realm). */
public record Caller(String name, Set<String> roles) {
    public static final String ADMIN = "admin";
    public static final String VIEWER = "viewer";

    public Caller {
        roles = Set.copyOf(roles);
    }

    /** Reads need viewer; admin includes it (a realm may give admins only "admin"). */
    public boolean mayRead() {
        return roles.contains(VIEWER) || roles.contains(ADMIN);
    }

    public boolean mayChange() {
        return roles.contains(ADMIN);
    }
}
