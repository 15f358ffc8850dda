#!/usr/bin/env bash
# Blind transfer end to end, driven by a real softphone: three headless baresip instances register as demo
# extensions 1001, 1002 and 1003 to the real distribution. 1001 calls 1002, 1002 answers by itself; after a few
# seconds of talk 1002 transfers 1001 to 1003 with baresip's own transfer command (ctrl_tcp `transfer`: a REFER in
# the dialog); 1003 answers by itself; 1001 hangs up after a few seconds with 1003.
# Checks: the REFER was accepted (202) and 1002 was told the outcome (NOTIFY, sipfrag 200); 1002's call ended while
# 1001's went on (1001 never got a BYE); pbx:call-list then shows 1001 with 1003 only; the relay latched to 1001 and
# 1003; the audio (1001 sends 440 Hz, 1002 880 Hz, 1003 660 Hz): 1002 heard 1001, 1003 heard 1001, and 1001's
# recording holds 1002's tone before the transfer and 1003's after it; the two CDRs (the transferor's part, tag
# TRANSFERRED, and the call that went on, 1001 -> 1003) name each other (pbx:cdr-show, Linked call).
#
# Each phone runs in a network namespace this script creates (see lib/baresip.sh):
#   pb-a 10.231.21.2 (1001)   pb-b 10.231.22.2 (1002)   pb-c 10.231.23.2 (1003), each behind root 10.231.N.1/30
# Ports: SIP 45080, ssh 48121, RMI 41119/44465. Everything is torn down on exit, also on failure.
#
# Needs root (ip netns) and the Debian packages baresip-core (1.0.0), iproute2, sox.
# Usage: itests/e2e/baresip-transfer.sh [--build] [--keep]
#   --build  rebuild the distribution first (it is built only when karaf-assembly/target has no tarball)
#   --keep   keep the work folder (Karaf logs, baresip logs and recordings) and print where it is
set -euo pipefail
cd "$(dirname "$0")/../.."

e2e_name=baresip-transfer.sh; e2e_seconds=150
sip_port=45080; ssh_port=48121; rmi_registry_port=41119; rmi_server_port=44465
. itests/e2e/lib/baresip.sh
e2e_options "$@"
e2e_begin
e2e_netns a 21; e2e_netns b 22; e2e_netns c 23
e2e_pbx_start

e2e_phone a 1001 manual 440 trace
e2e_phone b 1002 auto 880 trace
e2e_phone c 1003 auto 660 trace
wait_for 15 "registered a b c" || true
check "pbx:reg-list shows 1001, 1002 and 1003 at their namespaces' addresses (baresip)" "reg_ok a b c"

# The core refuses every REFER (403 "Transfer not enabled") until a transfer service is installed.
# pbx-transfer (bundles/org.plugboard.transfer) is that service; by default every extension may transfer to extensions.
echo "feature:install pbx-transfer: $(console "feature:install pbx-transfer")"
check "pbx-transfer installed into the running distribution (a distribution built without it refuses every REFER)" \
  'console "feature:list -i" | grep -q "^pbx-transfer "'

# length_s <wav>: the recording's length in whole seconds
length_s() { sox "$1" -n stat 2>&1 | awk '/^Length/ { printf "%d", $NF }'; }

# --- 1001 calls 1002 -------------------------------------------------------------------------------------------
echo "baresip 1001 dial: $(ctrl a '{"command":"dial","params":"1002","token":"dial"}' || true)"
check "1001 and 1002 report the call established" 'wait_for 15 "established a b"'
# talk: 4 s of audio from each phone through the relay, each hears the other's tone
check "the relay got 200 packets (4 s) from 1001 and from 1002" 'wait_for 15 "talked 200 a b"'
before=$(console "pbx:call-list")

# --- 1002 transfers 1001 to 1003 -------------------------------------------------------------------------------
mark_logs
target="sip:1003@${root_ip[b]}:$sip_port"
echo "baresip 1002 transfer $target: $(ctrl b '{"command":"transfer","params":"'"$target"'","token":"xfer"}' || true)"
check "1003 reports the call established (the PBX called it for 1001)" 'wait_for 15 "established c"'
# 1002's trace: a 202 to its REFER, and a NOTIFY whose sipfrag body starts "SIP/2.0 200"
notified_200() { since b | awk '/^NOTIFY sip:/ { n = 1 } n && /^SIP\/2\.0 200/ { found = 1 } /\x1b\[;m/ { n = 0 } END { exit !found }'; }
referred() { since b | grep -aq '^SIP/2.0 202 ' && notified_200; }
check "1002's REFER was accepted (202) and a NOTIFY told it the target answered (sipfrag 200 OK)" 'wait_for 10 referred'
b_gone() { since b | grep -aqE "terminated|closed"; }
check "1002's call ended" 'wait_for 10 b_gone'
calls=$(console "pbx:call-list")
check "pbx:call-list shows 1001 CONNECTED with 1003 only (no leg of 1002 left up)" \
  'grep -E "caller *\| CONNECTED *\| 1001 *\| ${ip[a]}:5060" <<<"$calls" >/dev/null &&
   grep -E "callee *\| CONNECTED *\| 1003 *\| ${ip[c]}:5060" <<<"$calls" >/dev/null &&
   ! grep -E "\| CONNECTED *\| 1002 " <<<"$calls" >/dev/null'
invite_c=$(message c '^INVITE sip:1003')
check "the offer to 1003 names the relay at ${root_ip[c]}, the PBX's address that reaches 1003" \
  'grep -aq "^c=IN IP4 ${root_ip[c]}$cr\$" <<<"$invite_c"'
check "pbx:media-list shows the relay latched to 1001 and to 1003, packets in from both" 'wait_for 10 "talked 1 a c"'
check "1001's call went on: it got no BYE" '! since a | grep -aq "^BYE sip:"'
# talk with 1003: 5 s more of its audio through the relay (1001's recording then spans at least 8 s); counted from
# now, as the callee side's counters may include 1002's packets
from_c=$(packets_in "$media" "${ip[c]}")
check "the relay got 250 more packets (5 s) from 1003" 'wait_for 15 "talked $((from_c + 250)) c"'
echo "baresip 1001 hangup: $(ctrl a '{"command":"hangup","token":"hangup"}' || true)"
check "after 1001 hangs up pbx:call-list says No live calls." 'wait_for 10 released'

# --- the CDRs: the transferor's part and the call that went on name each other ---------------------------------
cdrs=$(console "pbx:cdr-list --caller 1001 --limit 5")
ids=$(awk -F'|' '$3 ~ /1001/ { gsub(/ /, "", $2); print $2 }' <<<"$cdrs" | head -2)
show1=$(console "pbx:cdr-show $(sed -n 1p <<<"$ids")"); show2=$(console "pbx:cdr-show $(sed -n 2p <<<"$ids")")
if [ "$(field Tag "$show1")" = TRANSFERRED ]; then part=$show1; went_on=$show2; else part=$show2; went_on=$show1; fi
check "the transferor's part: 1001 -> 1002, ANSWERED, tag TRANSFERRED, linked to the call that went on" \
  '[ "$(field Callee "$part")" = 1002 ] && [ "$(field Tag "$part")" = TRANSFERRED ] && [ "$(field Disposition "$part")" = ANSWERED ] &&
   [[ "$(field "Linked call" "$part")" == "$(field Call "$went_on")"* ]]'
check "the call that went on: 1001 with 1003 (answered by 1003 at ${ip[c]}), CALLER_BYE, linked to the transferor's part" \
  '[[ "$(field "Answered by" "$went_on")" == 1003@${ip[c]}:* ]] && [ "$(field Tag "$went_on")" = CALLER_BYE ] &&
   [[ "$(field "Linked call" "$went_on")" == "$(field Call "$part")"* ]]'

echo "--- pbx:call-list before the transfer"; echo "$before"
echo "--- pbx:call-list after the transfer"; echo "$calls"
echo "--- pbx:media-list after the transfer"; echo "$media"
echo "--- pbx:cdr-list --caller 1001 --limit 5"; echo "$cdrs"
echo "--- pbx:cdr-show (transferor's part)"; echo "$part"
echo "--- pbx:cdr-show (the call that went on)"; echo "$went_on"
echo "--- recordings (sndfile; enc: what the phone sent, dec: what it received)"
recordings "$work"/a/audio/*.wav "$work"/b/audio/*.wav "$work"/c/audio/*.wav
dec_a=$(ls "$work"/a/audio/*dec*.wav 2>/dev/null | head -1 || true)
dec_b=$(ls "$work"/b/audio/*dec*.wav 2>/dev/null | head -1 || true)
dec_c=$(ls "$work"/c/audio/*dec*.wav 2>/dev/null | head -1 || true)
# 1001's one recording spans both parts: its first 3 s are 1002's, its last 2.5 s 1003's
if [ -f "$dec_a" ]; then
  sox "$dec_a" "$work/a/first-3s.wav" trim 0 3 || true
  sox "$dec_a" "$work/a/last-2.5s.wav" trim -2.5 || true
  recordings "$work/a/first-3s.wav" "$work/a/last-2.5s.wav"
fi
check "1001 heard 1002's 880 Hz tone before the transfer (first 3 s)" 'tone "$work/a/first-3s.wav" 880'
check "1001 heard 1003's 660 Hz tone after the transfer (last 2.5 s of at least 8 s)" \
  '[ "$(length_s "$dec_a")" -ge 8 ] && tone "$work/a/last-2.5s.wav" 660'
check "1002 heard 1001's 440 Hz tone" 'tone "$dec_b" 440'
check "1003 heard 1001's 440 Hz tone" 'tone "$dec_c" 440'
e2e_finish
