#!/usr/bin/env bash
# Voice messages survive kill -9: a message is durable once its caller has hung up. On the real distribution with
# pbx-voicemail: CALLS SIPp callers (1002) each dial 1001's deposit number 971001, hear 1001's greeting (a short file
# placed in data/voicemail/1001/), play 4.7 s of G.711 (SIPp's g711a.pcap) and hang up; kill -9 of the whole Karaf
# process tree as soon as the last BYE is answered; start again. Then pbx:vm-list 1001 must list one message from
# 1002 for every call whose BYE got its 200 (committed, not merely adopted: the reconciler names unknown callers
# "unknown"), each with its WAV file and no unfinished .part file. Loopback only; ports 15750-15756; every process
# it starts is stopped on exit.
#
# Usage: [TARBALL=dist.tar.gz] [KEEP=1] itests/e2e/voicemail-survives-kill9.sh [CALLS] [RATE]
#        (default 20 calls at 4/s; about 1 min)
set -euo pipefail
export LC_ALL=C
cd "$(dirname "$0")/../.."
repo=$(pwd)
calls=${1:-20}; rate=${2:-4}
case "$calls$rate" in *[!0-9]*) echo "CALLS and RATE are whole numbers"; exit 2 ;; esac
[ "$calls" -ge 1 ] && [ "$calls" -le 45 ] || { echo "CALLS: 1 to 45 (the default quota is 50 messages)"; exit 2; }
[ "$rate" -ge 1 ] && [ "$rate" -le 20 ] || { echo "RATE: 1 to 20 calls/s"; exit 2; }
command -v sipp >/dev/null || { echo "sipp not found (apt-get install sip-tester)"; exit 2; }
command -v sox >/dev/null || { echo "sox not found (apt-get install sox)"; exit 2; }
tarball=${TARBALL:-$(ls karaf-assembly/target/karaf-assembly-*.tar.gz | head -1)}
pcap=/usr/share/sip-tester/g711a.pcap
[ -f "$pcap" ] || { echo "$pcap not found (sip-tester)"; exit 2; }
work=$(mktemp -d)
sip_port=15750; uac_port=15751; media_port=15752; ssh_port=15754; rmi_registry_port=15755; rmi_server_port=15756
. itests/e2e/lib/dist.sh

cleanup() {
  dist_stop
  if [ "${KEEP:-0}" = 1 ]; then echo "work folder kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

dist_unpack "$tarball"
sed "s#@AUDIO_PCAP@#$pcap#" "$repo/itests/e2e/scenarios/voicemail-deposit.xml" >"$work/deposit.xml"
mkdir -p "$home/data/voicemail/1001"
sox -n -r 8000 -c 1 -e u-law -b 8 "$home/data/voicemail/1001/greeting-unavailable.wav" synth 0.3 sine 400

dist_start
console "feature:install pbx-voicemail" >/dev/null
for _ in $(seq 1 30); do console "pbx:vm-list" | grep -q Mailbox && break; sleep 1; done
check "pbx-voicemail installed" 'console "pbx:vm-list" | grep -q Mailbox'

echo "deposits: $calls at $rate/s ..."
limit_s=$((calls / rate + 60))
rc=0
(cd "$work" && timeout -k 5 $((limit_s + 10)) sipp 127.0.0.1:$sip_port -sf deposit.xml -t u1 -i 127.0.0.1 \
   -p $uac_port -mp $media_port -s 971001 -key caller 1002 -au 1002 -ap demo1002pw -r "$rate" -m "$calls" \
   -l $((calls + 5)) -recv_timeout 15000 -timeout "${limit_s}s" -timeout_error -nostdin -trace_msg \
   -message_file uac.msg -fd 1 >uac.out 2>&1) || rc=$?
dist_kill9
last=$(grep -E '^-{10,} ' "$work/uac.msg" | tail -1 | awk '{print $2, $3}')
echo "killed -9 $(awk -v a="$killed_at" -v b="$(date -d "$last" +%s.%N)" 'BEGIN {printf "%.0f", (a - b) * 1000}') ms after the last message SIPp traced"
# the calls SIPp finished: their BYE got its 200
finished=$(awk '/^(UDP message|-----)/ {if (st ~ /^SIP\/2.0 200/ && cseq ~ /BYE/) print cid; st = ""; cseq = ""; cid = ""; next}
     st == "" && NF > 0 {st = $0; next}
     /^CSeq:/ {cseq = $0} /^Call-ID:/ {cid = $2}
     END {if (st ~ /^SIP\/2.0 200/ && cseq ~ /BYE/) print cid}' "$work/uac.msg" | tr -d '\r' | sort -u | wc -l)
echo "SIPp exit $rc: $finished of $calls callers hung up with a 200; killed -9 (Karaf $killed_pids)"
check "most deposits finished (at least 90% of $calls)" '[ "$finished" -ge $((calls * 9 / 10)) ]'

"$home/bin/start"; wait_up
for _ in $(seq 1 30); do console "pbx:vm-list 1001" | grep -q Received && break; sleep 1; done
listed=$(console "pbx:vm-list 1001" | grep -c ' | 1002 ' || true)
unknown=$(console "pbx:vm-list 1001" | grep -c ' | unknown ' || true)
files=$(ls "$home/data/voicemail/1001" | grep -c '^msg-.*\.wav$' || true)
parts=$(ls "$home/data/voicemail/1001" | grep -c '\.part$' || true)
grep -h "Voicemail: reconciled" "$home/data/log/karaf.log" | tail -1 | sed 's/.*| //' || true
echo "after the restart: $listed message(s) from 1002, $unknown adopted, $files file(s), $parts .part file(s)"
check "every message whose caller hung up is listed, committed before the kill" '[ "$listed" -ge "$finished" ] && [ "$unknown" -eq 0 ]'
check "one WAV file per message, nothing half-written" '[ "$files" -eq $((listed + unknown)) ] && [ "$parts" -eq 0 ]'
dist_verdict
