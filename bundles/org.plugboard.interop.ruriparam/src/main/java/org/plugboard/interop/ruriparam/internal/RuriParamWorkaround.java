package org.plugboard.interop.ruriparam.internal;

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
 * One factory configuration {@code org.plugboard.interop.ruriparam} = one rewriter for the listed profiles. The
 * rewriter is registered by hand because its {@code plugboard.profiles} property comes from the {@code profiles}
 * configuration key; a configuration change re-registers it, and the SIP bundle's whiteboard picks that up for the
 * next message.
 */
@Component(configurationPid = RuriParamWorkaround.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = RuriParamWorkaround.Config.class, factory = true)
public class RuriParamWorkaround {
    static final String PID = "org.plugboard.interop.ruriparam";
    private static final Logger LOG = LoggerFactory.getLogger(RuriParamWorkaround.class);

    @ObjectClassDefinition(name = "Plugboard workaround: Request-URI parameters",
            description = "Adds parameters such as user=phone to the Request-URI of REGISTER and INVITE sent to a line or trunk")
    public @interface Config {
        @AttributeDefinition(description = "Profiles it applies to, e.g. line:carrier1 (comma separated)")
        String[] profiles();

        @AttributeDefinition(description = "Parameters to append, e.g. user=phone (several: separated by ';')")
        String params() default "user=phone";

        @AttributeDefinition(name = "service.ranking", description = "Order among rewriters: higher runs first")
        int service_ranking() default 0;
    }

    private final ServiceRegistration<SipMessageRewriter> registration;

    @Activate
    public RuriParamWorkaround(BundleContext context, Config config) {
        List<String> profiles = ConfigList.required("profiles", config.profiles(), "profiles = line:carrier1");
        RuriParamRewriter rewriter = new RuriParamRewriter(RuriParamRewriter.parse(config.params()));
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(SipMessageRewriter.PROFILES, profiles.toArray(new String[0]));
        props.put(Constants.SERVICE_RANKING, config.service_ranking());
        registration = context.registerService(SipMessageRewriter.class, rewriter, props);
        LOG.info("Workaround ruriparam on {}: {}", profiles, rewriter);
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
