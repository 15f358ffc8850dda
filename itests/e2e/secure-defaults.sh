#!/usr/bin/env bash
# End to end on the distribution as shipped (not in demo mode): no console password is shipped, the first start
# generates one (printed once, in a file only its owner reads), karaf/karaf is refused, and ssh, the JMX RMI
# registry and server listen on 127.0.0.1 only (HTTP's etc/org.ops4j.pax.web.cfg is checked as a file: no feature of
# the distribution starts HTTP yet). Ports differ from the demo defaults; all traffic is on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/../.."
tarball=$(ls karaf-assembly/target/karaf-assembly-*.tar.gz | head -1)
work=$(mktemp -d)
sip_port=26060; ssh_port=28102; rmi_registry_port=21199; rmi_server_port=24544
. itests/e2e/lib/dist.sh
trap 'dist_stop; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
dist_unpack "$tarball"
sed -i '/^karaf = karaf,/d' "$home/etc/users.properties" # dist_unpack adds the demo user; here: as shipped

check "the distribution ships no console user with a password" '! grep -q "^[[:space:]]*karaf[[:space:]]*=" "$home/etc/users.properties"'
check "ssh is configured on loopback" 'grep -q "^sshHost = 127.0.0.1$" "$home/etc/org.apache.karaf.shell.cfg"'
check "JMX RMI registry and server are configured on loopback" 'grep -q "^rmiRegistryHost = 127.0.0.1$" "$home/etc/org.apache.karaf.management.cfg" && grep -q "^rmiServerHost = 127.0.0.1$" "$home/etc/org.apache.karaf.management.cfg"'
check "HTTP is configured on loopback" 'grep -q "^org.ops4j.pax.web.listening.addresses = 127.0.0.1$" "$home/etc/org.ops4j.pax.web.cfg"'

first=$(unset PLUGBOARD_DEMO; "$home/bin/start" 2>&1)
console_pw=$(printf '%s\n' "$first" | sed -n "s/.*console user 'karaf', password \([0-9a-f]*\).*/\1/p")
check "the first start prints a generated password" '[ ${#console_pw} -ge 20 ]'
check "the password file holds it and only its owner may read it" \
  '[ "$(stat -c %a "$home/etc/console-password")" = 600 ] && [ "$(cat "$home/etc/console-password")" = "$console_pw" ] && [ "$(stat -c %a "$home/etc/users.properties")" = 600 ]'
wait_up
again=$("$home/bin/client" -a "$ssh_port" -u karaf -p "$console_pw" -b </dev/null 2>&1 || true)
check "the password is printed only once" '! printf "%s" "$again" | grep -q "first start"'
refused=$(echo "pbx:sip-stats" | timeout 60 "$home/bin/client" -a "$ssh_port" -u karaf -p karaf -b 2>&1 || true)
check "karaf/karaf is refused" '! printf "%s" "$refused" | grep -q "Listening"'
check "the generated password logs in" 'console "pbx:sip-stats" | grep -q "Listening"'
# Java's sockets on 127.0.0.1 show as [::ffff:127.0.0.1]:port in ss.
only_loopback() { local a; a=$(ss -ltnH "( sport = :$1 )" | awk '{print $4}'); [ -n "$a" ] && ! printf '%s\n' "$a" | grep -qvE '^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]|\[::1\]):'; }
check "ssh listens on 127.0.0.1 only" 'only_loopback "$ssh_port"'
# the JMX connector may start a moment after the console: wait until both of its ports listen (30 s at most)
for _ in $(seq 60); do
  [ -n "$(ss -ltnH "( sport = :$rmi_registry_port )")" ] && [ -n "$(ss -ltnH "( sport = :$rmi_server_port )")" ] && break
  sleep 0.5
done
check "the JMX RMI registry listens on 127.0.0.1 only" 'only_loopback "$rmi_registry_port"'
check "the JMX RMI server listens on 127.0.0.1 only" 'only_loopback "$rmi_server_port"'

dist_verdict
