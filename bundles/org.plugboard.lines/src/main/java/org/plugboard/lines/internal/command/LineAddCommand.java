package org.plugboard.lines.internal.command;

import java.util.Hashtable;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.plugboard.console.CommandFailure;
import org.plugboard.console.TrailingOptions;
import org.plugboard.lines.internal.LineConfigurations;

@Service
@Command(scope = "pbx", name = "line-add", description = "Adds an external line (a factory configuration "
        + "org.plugboard.lines); it registers at once. Other settings: config:edit on the configuration.")
public class LineAddCommand implements Action {
    @Reference
    ConfigurationAdmin configAdmin;

    @Argument(index = 0, name = "name", required = true, description = "line name, e.g. carrier1 (profile line:carrier1)")
    String name;

    @Argument(index = 1, name = "domain", required = true, description = "provider domain, host[:port]")
    String domain;

    @Argument(index = 2, name = "account", required = true, description = "account (user part)")
    String account;

    @Argument(index = 3, name = "password", required = true, description = "account password (masked in the history)", censor = true, mask = '*')
    String password;

    @Option(name = "--proxy", description = "host:port of the provider's proxy/SBC, when the domain is not reachable")
    String proxy;

    @Option(name = "--auth-id", description = "authorization ID when it differs from the account")
    String authId;

    @Option(name = "--auth-id-with-domain", description = "send the authorization ID as id@domain (some IMS networks)")
    boolean authIdWithDomain;

    @Option(name = "--expires", description = "registration expiry in seconds (default 3600)")
    int expires = 3600;

    /** Karaf reads options only before the arguments: options typed after the password arrive here. */
    @Argument(index = 4, name = "options", description = "the options may also follow the password", required = false,
            multiValued = true)
    @Completion(value = StringsCompleter.class, values = {"--proxy", "--auth-id", "--auth-id-with-domain", "--expires"})
    List<String> trailing;

    @Override
    public Object execute() throws Exception {
        try {
            readTrailingOptions();
        } catch (IllegalArgumentException e) {
            throw CommandFailure.from(e);
        }
        if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
            throw CommandFailure.of("line name '" + name + "': use letters, digits, '.', '_' or '-'");
        }
        if (!LineConfigurations.find(configAdmin, name).isEmpty()) {
            throw CommandFailure.of("a line named '" + name + "' exists; remove it first with pbx:line-remove " + name);
        }
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("name", name);
        p.put("domain", domain);
        p.put("account", account);
        p.put("password", password);
        p.put("expires", expires);
        p.put("auth.id.with.domain", authIdWithDomain);
        if (proxy != null) {
            p.put("proxy", proxy);
        }
        if (authId != null) {
            p.put("auth.id", authId);
        }
        Configuration c = configAdmin.getFactoryConfiguration(LineConfigurations.FACTORY_PID, name, "?");
        c.update(p);
        System.out.println("Line " + name + " added; pbx:line-status " + name + " shows its registration");
        return null;
    }

    private void readTrailingOptions() {
        TrailingOptions.Parsed later = new TrailingOptions()
                .value("--proxy", "host:port of the provider's proxy, e.g. --proxy sbc.example.com:5060")
                .value("--auth-id", "the authorization ID, e.g. --auth-id 4930123456")
                .flag("--auth-id-with-domain")
                .value("--expires", "seconds, e.g. --expires 3600")
                .parse(trailing);
        proxy = later.value("--proxy", proxy);
        authId = later.value("--auth-id", authId);
        authIdWithDomain = later.flag("--auth-id-with-domain", authIdWithDomain);
        expires = later.integer("--expires", expires, "a number of seconds, e.g. --expires 3600");
    }
}
