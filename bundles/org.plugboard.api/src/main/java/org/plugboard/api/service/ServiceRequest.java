package org.plugboard.api.service;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** What a service is asked about: an immutable view of the call at one detection point. */
@ProviderType
public interface ServiceRequest {
    /** The PBX's short call id (the CDR's id). */
    String callId();

    DetectionPoint point();

    /**
     * The extension the service runs for: the caller at ORIGINATING, the transferor at TRANSFER, the current callee
     * at the other points.
     */
    String servedUser();

    /** The authenticated extension, or the caller's number from a line or trunk; {@code anonymous} when unknown. */
    String caller();

    /** True when the caller withheld its identity (From anonymous, {@code Privacy: id}) or gave no usable number. */
    boolean callerAnonymous();

    /** The number as the caller dialled it. */
    String dialled();

    /** The number the call is for now: the dialled one, or where forwarding sent it last. */
    String callee();

    /** The profile the call came in on: {@code default} for phones, a line or trunk name. */
    String sourceProfile();

    /** The forwarding hops so far, oldest first. */
    List<Diversion> diversions();

    /** At BUSY and UNREACHABLE: the SIP status that brought the call here (486, 480, 408...); 0 elsewhere. */
    int failureStatus();

    /** When the point was reached. */
    Instant time();

    /** A header of the caller's INVITE, e.g. {@code Privacy} or {@code P-Asserted-Identity}, as its value. */
    Optional<String> header(String name);

    /**
     * At TRANSFER: the number the transferor asks the call to go to (the user part of its Refer-To); empty at the
     * other points. Since 1.1.
     */
    default Optional<String> transferTarget() {
        return Optional.empty();
    }

    /**
     * At TRANSFER: true when the target number routes outside the PBX (a line or trunk), false for extensions and
     * groups and at the other points. Since 1.1.
     */
    default boolean transferToOutside() {
        return false;
    }

    /**
     * At ANSWERED and RELEASED: the line or trunk profile the answered leg went out on; empty for calls answered by an
     * extension or an application. Since 1.2.
     */
    default Optional<String> targetProfile() {
        return Optional.empty();
    }
}
