package org.plugboard.lines.internal;

import java.util.Map;

import org.plugboard.api.sip.NextHop;
import org.plugboard.configvalues.ConfigPairs;
import org.plugboard.configvalues.HostPort;

/**
 * A line's configuration, checked: every problem is reported with the property name, so an admin sees it in the
 * log (and in {@code pbx:line-add}) instead of a line that silently never registers.
 *
 * @param target where REGISTERs are sent, unresolved: the proxy when set, else the domain
 */
public record LineSettings(String name, String domain, String proxy, String transport, String account, String password,
        String authId, int expires, boolean register, int retryInterval, int retryMaxInterval,
        Map<String, String> dids, String prefix, String callerId, NextHop target) {

    static final int MIN_EXPIRES = 10;

    public LineSettings {
        dids = Map.copyOf(dids);
    }

    static LineSettings from(LineConfig c) {
        String name = required("name", c.name());
        if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("name '" + name + "': use letters, digits, '.', '_' or '-' (at most 64)");
        }
        String domain = required("domain", c.domain());
        HostPort domainHost = hostPort("domain", domain);
        String transport = c.transport() == null || c.transport().isBlank() ? "UDP" : c.transport().trim().toUpperCase();
        if (!transport.equals("UDP") && !transport.equals("TCP") && !transport.equals("TLS")) {
            throw new IllegalArgumentException("transport '" + transport + "': UDP, TCP or TLS");
        }
        String proxy = c.proxy() == null || c.proxy().isBlank() ? null : c.proxy().trim();
        NextHop target = hop(proxy != null ? "proxy" : "domain", proxy != null ? proxy : domain, transport);
        String account = required("account", c.account());
        if (c.expires() < MIN_EXPIRES) {
            throw new IllegalArgumentException("expires " + c.expires() + ": at least " + MIN_EXPIRES + " seconds");
        }
        if (c.retry_interval() < 1 || c.retry_max_interval() < c.retry_interval()) {
            throw new IllegalArgumentException("retry.interval must be at least 1 and retry.max.interval at least retry.interval");
        }
        return new LineSettings(name, domain, proxy, transport, account, c.password() == null ? "" : c.password(),
                authId(c, account, domainHost), c.expires(), c.register(), c.retry_interval(), c.retry_max_interval(),
                ConfigPairs.map("did", c.did(), "number=extension"), c.prefix() == null ? "" : c.prefix().trim(),
                c.caller_id() == null ? "" : c.caller_id().trim(), target);
    }

    /** The digest user name: auth.id or the account, with {@code @domain} appended when asked and not there yet. */
    static String authId(LineConfig c, String account, HostPort domain) {
        String id = c.auth_id() == null || c.auth_id().isBlank() ? account : c.auth_id().trim();
        return c.auth_id_with_domain() && !id.contains("@") ? id + "@" + domain.uriHost() : id;
    }

    /**
     * What identifies the binding at the provider: a binding handed over by the previous version of the bundle is
     * only carried on when this is unchanged (otherwise the line registers afresh).
     */
    String registrationKey() {
        return account + "@" + domain + "|" + target + "|" + authId + "|" + expires + "|" + register;
    }

    /** The profile of this line's messages: rewriters configured with it apply to them. */
    public String profile() {
        return profile(name);
    }

    static String profile(String lineName) {
        return "line:" + lineName;
    }

    private static NextHop hop(String property, String hostPort, String transport) {
        HostPort hp = hostPort(property, hostPort);
        return new NextHop(hp.host(), hp.portOr("TLS".equals(transport) ? 5061 : 5060), transport);
    }

    private static HostPort hostPort(String property, String text) {
        try {
            return HostPort.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(property + " " + e.getMessage());
        }
    }

    private static String required(String property, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(property + " is required");
        }
        return value.trim();
    }

    @Override
    public String toString() { // never the password
        return "line " + name + " (" + account + "@" + domain + (proxy == null ? "" : " via " + proxy) + ", " + transport
                + ", auth id " + authId + ", expires " + expires + (register ? "" : ", not registering") + ")";
    }
}
