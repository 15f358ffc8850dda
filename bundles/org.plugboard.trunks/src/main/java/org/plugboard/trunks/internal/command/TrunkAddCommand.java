package org.plugboard.trunks.internal.command;

import java.util.Hashtable;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
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

    @Option(name = "--transport", description = "UDP (default) or TCP toward the address")
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

    @Option(name = "--password", description = "password for that challenge")
    String password;

    @Override
    public Object execute() throws Exception {
        if (!TrunkConfigurations.validName(name)) {
            System.err.println("Trunk name '" + name + "': use letters, digits, '.', '_' or '-'");
            return null;
        }
        if (!TrunkConfigurations.find(configAdmin, name).isEmpty()) {
            System.err.println("A trunk named '" + name + "' exists; remove it first with pbx:trunk-remove " + name);
            return null;
        }
        if ("-".equals(peers) && address == null) {
            System.err.println("A trunk needs peers, an --address, or both");
            return null;
        }
        if (prefix != null && address == null) {
            System.err.println("--prefix needs --address: where would the calls go?");
            return null;
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

    private static void put(Hashtable<String, Object> p, String key, String value) {
        if (value != null) {
            p.put(key, value);
        }
    }
}
