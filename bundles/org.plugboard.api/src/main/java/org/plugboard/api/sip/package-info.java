/** SIP extension points: request handlers by method (and their stateless challengers), message rewriters per profile, the SIP service. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.3.0")
package org.plugboard.api.sip;
