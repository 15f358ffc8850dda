#!/usr/bin/env bash
# End to end on the real distribution as an admin runs it: start it, register demo extension 1001 with SIPp,
# stop it, start it again, and check the registration is still there. Ports differ from the demo defaults so it
# does not collide with a PBX already running; all traffic is on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/../.."
tarball=$(ls karaf-assembly/target/karaf-assembly-*.tar.gz | head -1)
work=$(mktemp -d)
sip_port=25060; ssh_port=28101; rmi_registry_port=21099; rmi_server_port=24444
. itests/e2e/lib/dist.sh
trap 'dist_stop; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM   # Ctrl-C or a CI timeout: still stop what was started
dist_unpack "$tarball"

dist_start
scenario=itests/src/test/resources/sipp/register.xml
sf="$work/register.xml"; sed 's/@FINAL@/200/' "$scenario" > "$sf"
rc=0
(cd "$work" && sipp 127.0.0.1:$sip_port -sf "$sf" -m 1 -t u1 -i 127.0.0.1 -p 25099 -s 1001 -au 1001 -ap demo1001pw \
   -key expires 3600 -timeout 10s -timeout_error -nostdin >/dev/null 2>&1) || rc=$?
check "demo extension 1001 registers with SIPp" '[ $rc -eq 0 ] && console "pbx:reg-list 1001" | grep -q "127.0.0.1:25099"'

"$home/bin/stop"
for _ in $(seq 1 30); do pgrep -f "$home" >/dev/null || break; sleep 1; done
"$home/bin/start"; wait_up
check "registration of 1001 survives a restart of the distribution" 'console "pbx:reg-list 1001" | grep -q "127.0.0.1:25099"'
check "demo extensions are still four after a restart (seeded once)" '[ "$(console "pbx:ext-list" | grep -c "^100[1-4] ")" -eq 4 ]'

dist_verdict
