package org.plugboard.interop.newcallid.internal;

import java.util.Hashtable;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.plugboard.api.sip.SipMessageRewriter;
import org.plugboard.configvalues.ConfigList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One factory configuration {@code org.plugboard.interop.newcallid} = one rewriter for the listed profiles. The
 * rewriter is registered by hand because its {@code plugboard.profiles} property comes from the {@code profiles}
 * configuration key; a configuration change re-registers it, and the SIP bundle's whiteboard picks that up for the
 * next message.
 */
@Component(configurationPid = NewCallIdWorkaround.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = NewCallIdWorkaround.Config.class, factory = true)
public class NewCallIdWorkaround {
    static final String PID = "org.plugboard.interop.newcallid";
    private static final Logger LOG = LoggerFactory.getLogger(NewCallIdWorkaround.class);

    @ObjectClassDefinition(name = "Plugboard workaround: new Call-ID per REGISTER",
            description = "Gives every REGISTER sent to a line a new Call-ID, for registrars that refuse a reused one")
    public @interface Config {
        @AttributeDefinition(description = "Profiles it applies to, e.g. line:carrier1 (comma separated)")
        String[] profiles();

        @AttributeDefinition(name = "service.ranking", description = "Order among rewriters: higher runs first")
        int service_ranking() default 0;
    }

    private final ServiceRegistration<SipMessageRewriter> registration;

    @Activate
    public NewCallIdWorkaround(BundleContext context, Config config) {
        List<String> profiles = ConfigList.required("profiles", config.profiles(), "profiles = line:carrier1");
        NewCallIdRewriter rewriter = new NewCallIdRewriter();
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(SipMessageRewriter.PROFILES, profiles.toArray(new String[0]));
        props.put(Constants.SERVICE_RANKING, config.service_ranking());
        registration = context.registerService(SipMessageRewriter.class, rewriter, props);
        LOG.info("Workaround newcallid on {}: {}", profiles, rewriter);
    }

    @Deactivate
    void deactivate() {
        try {
            registration.unregister();
        } catch (IllegalStateException e) {
            // already gone with the bundle
        }
    }
}
