#!/usr/bin/env bash
# End to end on the real distribution as an admin runs it: start it, register demo extension 1001 with SIPp,
# stop it, start it again, and check the registration is still there. Ports differ from the demo defaults so it
# does not collide with a PBX already running; all traffic is on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/../.."
tarball=$(ls karaf-assembly/target/karaf-assembly-*.tar.gz | head -1)
work=$(mktemp -d)
trap '"$home/bin/stop" >/dev/null 2>&1 || true; sleep 2; rm -rf "$work"' EXIT
tar xzf "$tarball" -C "$work"
home=$(ls -d "$work"/karaf-assembly-*)
sip_port=25060
sed -i "s/^port = .*/port = $sip_port/; s/^listen.addresses = .*/listen.addresses = 127.0.0.1/" "$home/etc/org.plugboard.sip.cfg"
sed -i "s/^sshPort *= *.*/sshPort = 28101/" "$home/etc/org.apache.karaf.shell.cfg"
sed -i "s/^rmiRegistryPort *= *.*/rmiRegistryPort = 21099/; s/^rmiServerPort *= *.*/rmiServerPort = 24444/" "$home/etc/org.apache.karaf.management.cfg"

console() { echo "$1" | "$home/bin/client" -a 28101 -u karaf -p karaf -b 2>/dev/null | sed 's/\x1b\[[0-9;]*m//g'; }
wait_up() {
  for _ in $(seq 1 60); do
    console "pbx:sip-stats" | grep -q "127.0.0.1:$sip_port" && return 0
    sleep 2
  done
  echo "distribution did not come up"; tail -50 "$home/data/log/karaf.log"; return 1
}
passed=0; failed=0
check() { if eval "$2"; then passed=$((passed+1)); echo "ok: $1"; else failed=$((failed+1)); echo "FAILED: $1"; fi; }

"$home/bin/start"; wait_up
scenario=itests/src/test/resources/sipp/register.xml
sf="$work/register.xml"; sed 's/@FINAL@/200/' "$scenario" > "$sf"
rc=0
(cd "$work" && sipp 127.0.0.1:$sip_port -sf "$sf" -m 1 -t u1 -i 127.0.0.1 -p 25099 -s 1001 -au 1001 -ap demo1001pw \
   -key expires 3600 -timeout 10s -timeout_error -nostdin >/dev/null 2>&1) || rc=$?
check "demo extension 1001 registers with SIPp" '[ $rc -eq 0 ] && console "pbx:reg-list 1001" | grep -q "127.0.0.1:25099"'
sleep 1   # the location store writes behind within 50 ms

"$home/bin/stop"
for _ in $(seq 1 30); do pgrep -f "$home" >/dev/null || break; sleep 1; done
"$home/bin/start"; wait_up
check "registration of 1001 survives a restart of the distribution" 'console "pbx:reg-list 1001" | grep -q "127.0.0.1:25099"'
check "demo extensions are still four after a restart (seeded once)" '[ "$(console "pbx:ext-list" | grep -c "^100[1-4] ")" -eq 4 ]'

echo "e2e: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
