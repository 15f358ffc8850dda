package org.plugboard.api.sip;

import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;

import org.osgi.annotation.versioning.ProviderType;

/** The running SIP stack as plugins see it: the JAIN-SIP factories, and facts about the listening points. */
@ProviderType
public interface SipService {
    AddressFactory addressFactory();

    HeaderFactory headerFactory();

    MessageFactory messageFactory();

    /** Methods answered by some handler, as advertised in Allow. */
    java.util.Set<String> allowedMethods();
}
