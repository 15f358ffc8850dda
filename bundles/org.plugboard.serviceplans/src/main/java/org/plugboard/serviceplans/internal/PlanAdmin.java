package org.plugboard.serviceplans.internal;

import java.util.List;

import org.plugboard.api.service.DetectionPoint;

/**
 * Reading and changing the plans (the console, later REST). Writes go to the database first and change what calls
 * see only after the commit; they block, so never call them on a call's strand. Bad input is refused with an
 * {@link IllegalArgumentException} naming the fault and the fix; a database failure with
 * {@link org.plugboard.settingsdb.Transactions.StorageException}.
 */
interface PlanAdmin {
    /** Everything in force now. */
    PlanTable table();

    /**
     * Sets the list of a scope at a point (null: the all-points list); an empty list is a plan that runs nothing.
     *
     * @return the scope as stored (normalized)
     */
    String setPlan(String scope, DetectionPoint point, List<String> services);

    /** Removes the scope's list at a point (null: its all-points list); false if it had none. */
    boolean clearPlan(String scope, DetectionPoint point);

    /** Removes every list of a scope; returns how many it had. */
    int clearScope(String scope);

    /**
     * Puts an extension into a service class (out of the one it was in). Whether the extension exists is the
     * caller's check (the directory).
     *
     * @return the class name as stored (lower-case)
     */
    String assign(String extension, String serviceClass);

    /** Takes an extension out of its class; returns the class it was in, or null. */
    String unassign(String extension);
}
