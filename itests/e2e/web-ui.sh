#!/usr/bin/env bash
# Browser tests of the admin page (bundles/org.plugboard.web, feature pbx-web) on the real distribution: starts a
# fresh copy on ports of its own, installs pbx-web (which brings pbx-rest), and runs web/ui.test.mjs in Debian's
# headless Chromium (puppeteer-core from the npm registry, installed here) with SIPp phones. Screenshots go to
# itests/target/web-ui/. All traffic is on 127.0.0.1. About a minute.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
command -v chromium >/dev/null || { echo "chromium not found (apt-get install chromium chromium-driver)"; exit 2; }
command -v node >/dev/null && command -v npm >/dev/null || { echo "node/npm not found (apt-get install nodejs npm)"; exit 2; }
command -v sipp >/dev/null || { echo "sipp not found (apt-get install sip-tester)"; exit 2; }
tarball=$(ls karaf-assembly/target/karaf-assembly-*.tar.gz | head -1)
work=$(mktemp -d)
sip_port=29060; ssh_port=29101; rmi_registry_port=29099; rmi_server_port=29444; http_port=29181
. itests/e2e/lib/dist.sh
trap 'dist_stop; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM   # Ctrl-C or a CI timeout: still stop what was started

(cd itests/e2e/web && npm install --no-audit --no-fund --loglevel=error >/dev/null)

dist_unpack "$tarball"
sed -i "s/^org.osgi.service.http.port = .*/org.osgi.service.http.port = $http_port/" "$home/etc/org.ops4j.pax.web.cfg"
"$home/bin/start"; wait_up
console "feature:install -r pbx-web" >/dev/null   # -r: no refresh of the running bundles
# The call test calls a conference room: answered by the PBX itself (see ui.test.mjs); IVR files need pbx-ivr; the
# service section tests need pbx-forwarding, pbx-dnd, pbx-screening and pbx-voicemail (a SIPp caller leaves 1001 a message
# after a short greeting placed in its box, playing SIPp's G.711 pcap).
pcap=/usr/share/sip-tester/g711a.pcap
[ -f "$pcap" ] || { echo "$pcap not found (sip-tester)"; exit 2; }
command -v sox >/dev/null || { echo "sox not found (apt-get install sox)"; exit 2; }
sed "s#@AUDIO_PCAP@#$pcap#" "$repo/itests/e2e/scenarios/voicemail-deposit.xml" >"$work/deposit.xml"
mkdir -p "$home/data/voicemail/1001"
sox -n -r 8000 -c 1 -e u-law -b 8 "$home/data/voicemail/1001/greeting-unavailable.wav" synth 0.3 sine 400
console "feature:install -r pbx-conference pbx-ivr pbx-forwarding pbx-dnd pbx-screening pbx-voicemail" >/dev/null
for _ in $(seq 1 30); do console "pbx:conf-add 7000 --name web-test" | grep -q "added" && break; sleep 1; done
# Until the page, the API and the CDR search answer (the HTTP server starts with the feature), at most 2 minutes.
up() { [ "$(curl -s -o /dev/null -w '%{http_code}' -u karaf:karaf "http://127.0.0.1:$http_port$1")" = 200 ]; }
ready=no
for _ in $(seq 1 120); do
  up "/api/extensions?limit=1" && up "/api/cdrs?limit=1" && up "/ui/" && { ready=yes; break; }
  sleep 1
done
[ $ready = yes ] || { echo "web-ui: the page or the API did not come up"; tail -40 "$home/data/log/karaf.log"; exit 1; }

shots="$repo/itests/target/web-ui"
rm -rf "$shots"; mkdir -p "$shots"
rc=0
BASE="http://127.0.0.1:$http_port" SIP_PORT=$sip_port UAS_PORT=29161 UAC_PORT=29162 SCENARIOS="$repo/bench/scenarios" \
  MEDIA_PORT=29164 SHOTS="$shots" WORK="$work" KARAF_HOME="$home" SSH_PORT=$ssh_port timeout 300 node --test --test-concurrency=1 itests/e2e/web/csv.test.mjs itests/e2e/web/ui.test.mjs || rc=$?
[ $rc -eq 0 ] || { echo "web-ui: failed; screenshots in $shots; PBX log:"; tail -40 "$home/data/log/karaf.log"; }
check "browser tests of the admin page (itests/e2e/web/ui.test.mjs)" '[ $rc -eq 0 ]'
dist_verdict
