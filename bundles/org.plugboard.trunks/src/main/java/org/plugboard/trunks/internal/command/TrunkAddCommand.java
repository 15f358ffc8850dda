package org.plugboard.trunks.internal.command;

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
import org.plugboard.trunks.internal.TrunkConfigurations;

@Service
@Command(scope = "pbx", name = "trunk-add", description = "Adds a SIP trunk (a factory configuration org.plugboard.trunks); "
        + "it takes calls at once. Other settings: config:edit on the configuration.")
public class TrunkAddCommand implements Action {
    @Reference
    ConfigurationAdmin configAdmin;

    @Argument(index = 0, name = "name", required = true, description = "trunk name, e.g. carrier (profile trunk:carrier)")
    String name;

    @Argument(index = 1, name = "peers", required = true,
            description = "addresses calls are accepted from, host[:port], comma separated; '-' for none (outbound only)")
    String peers;

    @Option(name = "--address", description = "host[:port] outbound calls go to")
    String address;

    @Option(name = "--transport", description = "UDP (default), TCP or TLS (default port 5061) toward the address")
    String transport;

    @Option(name = "--prefix", description = "dial prefix that takes this trunk, stripped (needs --address)")
    String prefix;

    @Option(name = "--caller-id", description = "From user of outbound calls (default: the caller's extension)")
    String callerId;

    @Option(name = "--did", multiValued = true, description = "number=extension for inbound calls, repeatable; *=ext catches all")
    List<String> dids;

    @Option(name = "--max-inbound", description = "concurrent inbound calls (0: none; default unlimited)")
    Integer maxInbound;

    @Option(name = "--max-outbound", description = "concurrent outbound calls (0: none; default unlimited)")
    Integer maxOutbound;

    @Option(name = "--username", description = "user name when the peer challenges our INVITEs")
    String username;

    @Option(name = "--password", description = "password for that challenge (masked in the history)", censor = true, mask = '*')
    String password;

    /**
     * Karaf reads options only before the arguments: options typed after the peers arrive here. Masked as a whole in
     * the history, since a --password may be among them (Karaf masks by declared option only before the arguments).
     */
    @Argument(index = 2, name = "options", description = "the options may also follow the peers (masked in the history)",
            required = false, multiValued = true, censor = true, mask = '*')
    @Completion(value = StringsCompleter.class, values = {"--address", "--transport", "--prefix", "--caller-id", "--did",
        "--max-inbound", "--max-outbound", "--username", "--password"})
    List<String> trailing;

    @Override
    public Object execute() throws Exception {
        try {
            readTrailingOptions();
        } catch (IllegalArgumentException e) {
            throw CommandFailure.from(e);
        }
        if (!TrunkConfigurations.validName(name)) {
            throw CommandFailure.of("trunk name '" + name + "': use letters, digits, '.', '_' or '-'");
        }
        if (!TrunkConfigurations.find(configAdmin, name).isEmpty()) {
            throw CommandFailure.of("a trunk named '" + name + "' exists; remove it first with pbx:trunk-remove " + name);
        }
        if ("-".equals(peers) && address == null) {
            throw CommandFailure.of("a trunk needs peers, an --address, or both, e.g. pbx:trunk-add " + name
                    + " - --address sip.example.com:5060");
        }
        if (prefix != null && address == null) {
            throw CommandFailure.of("--prefix needs --address: where would the calls go?");
        }
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("name", name);
        if (!"-".equals(peers)) {
            p.put("peers", peers);
        }
        put(p, "address", address);
        put(p, "transport", transport);
        put(p, "prefix", prefix);
        put(p, "caller.id", callerId);
        put(p, "username", username);
        put(p, "password", password);
        if (dids != null && !dids.isEmpty()) {
            p.put("did", String.join(",", dids));
        }
        if (maxInbound != null) {
            p.put("max.inbound", maxInbound.toString());
        }
        if (maxOutbound != null) {
            p.put("max.outbound", maxOutbound.toString());
        }
        Configuration c = configAdmin.getFactoryConfiguration(TrunkConfigurations.FACTORY_PID, name, "?");
        c.update(p);
        System.out.println("Trunk " + name + " added; pbx:trunk-list shows it (a bad setting is named in the log)");
        return null;
    }

    private void readTrailingOptions() {
        TrailingOptions.Parsed later = new TrailingOptions()
                .value("--address", "host[:port], e.g. --address 192.0.2.10:5060")
                .value("--transport", "UDP, TCP or TLS, e.g. --transport TLS")
                .value("--prefix", "a dial prefix, e.g. --prefix 0")
                .value("--caller-id", "a number, e.g. --caller-id 4930123456")
                .repeatable("--did", "number=extension, e.g. --did 4930123456=1001")
                .value("--max-inbound", "a number of calls, e.g. --max-inbound 10")
                .value("--max-outbound", "a number of calls, e.g. --max-outbound 10")
                .value("--username", "a user name, e.g. --username pbx1")
                .value("--password", "a password, e.g. --password s3cret")
                .parse(trailing);
        address = later.value("--address", address);
        transport = later.value("--transport", transport);
        prefix = later.value("--prefix", prefix);
        callerId = later.value("--caller-id", callerId);
        dids = later.values("--did", dids);
        maxInbound = later.integer("--max-inbound", maxInbound, "a number of calls, e.g. --max-inbound 10 (0: none)");
        maxOutbound = later.integer("--max-outbound", maxOutbound, "a number of calls, e.g. --max-outbound 10 (0: none)");
        username = later.value("--username", username);
        password = later.value("--password", password);
    }

    private static void put(Hashtable<String, Object> p, String key, String value) {
        if (value != null) {
            p.put(key, value);
        }
    }
}
