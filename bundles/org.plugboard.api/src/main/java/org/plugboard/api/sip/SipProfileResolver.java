package org.plugboard.api.sip;

import java.net.InetSocketAddress;

import javax.sip.message.Message;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Classifies an inbound message into a profile (a line or trunk name). The SIP bundle asks resolvers in
 * {@code service.ranking} order and takes the first non-null answer; without one the profile is
 * {@link #DEFAULT_PROFILE}.
 */
@ConsumerType
public interface SipProfileResolver {
    String DEFAULT_PROFILE = "default";

    String resolve(Message message, InetSocketAddress remote, String transport);
}
