#!/usr/bin/env bash
# End to end with a real softphone: two headless baresip instances register as demo extensions 1001 and 1002 to
# the real distribution, 1001 calls 1002, 1002 answers by itself, 1001 hangs up after a few seconds of talk.
# Checks the registrations, the live call and its media session, its release and its CDR, and the audio: 1001
# sends a 440 Hz tone and 1002 an 880 Hz tone; each phone's recording of what it received must hold the other's
# tone (sox), which proves the media crossed the PBX's relay both ways.
#
# baresip will not put a loopback address in its SDP, so each one runs in a network namespace this script
# creates (pb-a-<pid>, pb-b-<pid>) behind a veth pair to the root namespace:
#   root 10.231.1.1/30 <-> pb-a 10.231.1.2/30 (1001)      root 10.231.2.1/30 <-> pb-b 10.231.2.2/30 (1002)
# The PBX runs in the root namespace and listens on 127.0.0.1, 10.231.1.1 and 10.231.2.1. Nothing is forwarded
# between the namespaces and neither has a route to the other: a phone can reach only the PBX, so audio that
# arrives at all came through the PBX's media relay. Everything is torn down on exit, also on failure.
#
# Needs root (ip netns) and the Debian packages baresip-core (1.0.0; or the baresip metapackage), iproute2, sox.
# Usage: itests/e2e/baresip-call.sh [--build] [--keep]
#   --build  rebuild the distribution first (it is built only when karaf-assembly/target has no tarball)
#   --keep   keep the work folder (Karaf logs, baresip logs and recordings) and print where it is
set -euo pipefail
cd "$(dirname "$0")/../.."

e2e_name=baresip-call.sh; e2e_seconds=115
sip_port=45060; ssh_port=48101; rmi_registry_port=41099; rmi_server_port=44445
. itests/e2e/lib/baresip.sh
e2e_options "$@"
e2e_begin
e2e_netns a 1                        # 1001: pb-a-<pid>, 10.231.1.2 behind root 10.231.1.1
e2e_netns b 2                        # 1002: pb-b-<pid>, 10.231.2.2 behind root 10.231.2.1
ip_a=${ip[a]}; ip_b=${ip[b]}
e2e_pbx_start

# --- the phones --------------------------------------------------------------------------------------------------
e2e_phone a 1001 manual 440
e2e_phone b 1002 auto 880

wait_for 15 "registered a b" || true
check "pbx:reg-list shows 1001 at $ip_a:5060 and 1002 at $ip_b:5060 (baresip)" "reg_ok a b"

dial=$(ctrl a '{"command":"dial","params":"1002","token":"dial"}' || true)
echo "baresip 1001 dial: $dial"
check "both baresips report the call established" 'wait_for 10 "established a b"'
calls=$(console "pbx:call-list")
# Call | Caller | Callee | State | Age | Leg | Leg state | Peer | Target; the call's first row is its caller leg
call_ok() { awk -F'|' '
    { for (i = 1; i <= NF; i++) gsub(/^ +| +$/, "", $i) }
    $2 == "1001" && $3 == "1002" && $4 == "CONNECTED" && $6 == "caller" && $7 == "CONNECTED" && $9 ~ /^'"$ip_a"':5060/ { c = 1; next }
    c == 1 && $1 == "" && $6 == "callee" && $7 == "CONNECTED" && $8 == "1002" && $9 ~ /^'"$ip_b"':5060/ { ok = 1 }
    { c = 0 } END { exit !ok }' <<<"$calls"; }
check "pbx:call-list shows the call 1001 -> 1002 CONNECTED with a caller leg and a callee leg (both CONNECTED)" call_ok
check "pbx:media-list shows a session on the local relay with packets latched from both phones" 'wait_for 10 "talked 1 a b"'
# talk: 4 s of audio from each phone through the relay
check "the relay got 200 packets (4 s) from 1001 and from 1002" 'wait_for 15 "talked 200 a b"'
hangup=$(ctrl a '{"command":"hangup","token":"hangup"}' || true)
echo "baresip 1001 hangup: $hangup"
check "after 1001 hangs up pbx:call-list says No live calls." 'wait_for 10 released'
cdr_ok() { cdr=$(console "pbx:cdr-list --caller 1001 --limit 1"); awk -F'|' '
    $3 ~ /1001/ && $4 ~ /1002/ && $7 ~ /ANSWERED/ && $11 ~ /CALLER_BYE/ { b = $6; sub(/ s.*/, "", b); if (b + 0 >= 2) ok = 1 }
    END { exit !ok }' <<<"$cdr"; }
check "pbx:cdr-list: 1001 -> 1002 ANSWERED, CALLER_BYE, billable >= 2 s" 'wait_for 5 cdr_ok'

echo "--- pbx:call-list during the call"; echo "$calls"
echo "--- pbx:cdr-list --caller 1001 --limit 1"; echo "${cdr:-}"
echo "--- pbx:media-list during the call"; echo "${media:-}"
echo "--- recordings (sndfile; enc: what the phone sent, dec: what it received)"
recordings "$work"/a/audio/*.wav "$work"/b/audio/*.wav
dec_a=$(ls "$work"/a/audio/*dec*.wav 2>/dev/null | head -1 || true)
dec_b=$(ls "$work"/b/audio/*dec*.wav 2>/dev/null | head -1 || true)
check "1001 heard 1002's 880 Hz tone through the relay (${dec_a#"$work"/})" 'tone "$dec_a" 880'
check "1002 heard 1001's 440 Hz tone through the relay (${dec_b#"$work"/})" 'tone "$dec_b" 440'
e2e_finish
