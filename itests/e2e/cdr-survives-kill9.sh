#!/usr/bin/env bash
# Regression test of "CDRs lost on kill -9" (issue 12): 968 calls finished, then kill -9; the CSV held 968 records,
# the database 954 (embedded H2 puts its commits on disk up to a second later). On the real distribution: SIPp calls
# 1001 -> 1002 at 50 calls/s (short calls, a bounded count), kill -9 of the whole Karaf process tree as soon as every
# finished call's record is stored (in the CSV file, which the CDR queue counts as stored after its forced flush),
# start again, and check that the database (pbx:cdr-list through bin/client) and the CSV files hold exactly one record
# for every call SIPp finished. Loopback only; ports of its own; every process it starts is stopped on exit.
#
# Usage: [TARBALL=dist.tar.gz] itests/e2e/cdr-survives-kill9.sh [CALLS] [RATE]   (default 1000 calls at 50/s; ~1.5 min)
set -euo pipefail
export LC_ALL=C   # one sort order for sort, comm and join
cd "$(dirname "$0")/../.."
repo=$(pwd)
calls=${1:-1000}; rate=${2:-50}
case "$calls$rate" in *[!0-9]*) echo "CALLS and RATE are whole numbers"; exit 2 ;; esac
[ "$calls" -ge 1 ] && [ "$calls" -le 10000 ] || { echo "CALLS: 1 to 10000 (pbx:cdr-list --limit stops at 10000)"; exit 2; }
[ "$rate" -ge 1 ] && [ "$rate" -le 200 ] || { echo "RATE: 1 to 200 calls/s"; exit 2; }
command -v sipp >/dev/null || { echo "sipp not found (apt-get install sip-tester)"; exit 2; }
tarball=${TARBALL:-$(ls karaf-assembly/target/karaf-assembly-*.tar.gz | head -1)}   # TARBALL: another build
work=$(mktemp -d)
sip_port=27060; uas_port=27061; uac_port=27062; ssh_port=27101; rmi_registry_port=27099; rmi_server_port=27444
. itests/e2e/lib/dist.sh

uas_pid=""
cleanup() {
  [ -n "$uas_pid" ] && kill "$uas_pid" 2>/dev/null || true
  dist_stop
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM   # Ctrl-C or a CI timeout: still stop what was started

dist_unpack "$tarball"
csv_dir="$home/data/plugboard/cdr"

# call_ref and call_id of every record in the CSV files (quoted fields with commas or newlines do not occur here:
# SIPp's Call-IDs and the PBX's refs are plain)
csv_pairs() { cat "$csv_dir"/cdr-*.csv 2>/dev/null | awk -F, 'NR > 0 && $1 != "call_ref" && NF >= 15 {print $1 "," $2}'; }

dist_start
(cd "$work" && timeout 30 sipp 127.0.0.1:$sip_port -sf "$repo/bench/scenarios/call-register.xml" -m 1 -t u1 \
   -i 127.0.0.1 -p $uas_port -s 1002 -au 1002 -ap demo1002pw -key expires 3600 -timeout 10s -timeout_error \
   -nostdin >/dev/null 2>&1) || { echo "registering 1002 failed"; exit 1; }

# the callee, bounded in time; the caller: CALLS calls at RATE/s, each held 100 ms, its messages traced for Call-IDs
limit_s=$((calls / rate + 60))
(cd "$work" && exec timeout -k 5 $((limit_s + 10)) sipp -sf "$repo/bench/scenarios/call-uas.xml" -t u1 -i 127.0.0.1 \
   -p $uas_port -s 1002 -timeout "${limit_s}s" -default_behaviors all,-bye -nostdin >uas.out 2>&1) &
uas_pid=$!
echo "calls: $calls at $rate/s ..."
rc=0
(cd "$work" && timeout -k 5 $((limit_s + 10)) sipp 127.0.0.1:$sip_port -sf "$repo/bench/scenarios/call-uac.xml" -t u1 \
   -i 127.0.0.1 -p $uac_port -s 1002 -key caller 1001 -au 1001 -ap demo1001pw -d 100 -r "$rate" -m "$calls" \
   -l $((rate * 4 + 50)) -recv_timeout 10000 -timeout "${limit_s}s" -timeout_error -default_behaviors all,-bye \
   -nostdin -trace_msg -message_file uac.msg -trace_stat -stf uac.csv -fd 1 >uac.out 2>&1) || rc=$?
# the Call-IDs of the calls SIPp finished: their BYE got its 200
awk '/^(UDP message|-----)/ {if (st ~ /^SIP\/2.0 200/ && cseq ~ /BYE/) print cid; st = ""; cseq = ""; cid = ""; body = 0; next}
     st == "" && NF > 0 {st = $0; next}
     /^CSeq:/ {cseq = $0} /^Call-ID:/ {cid = $2}
     END {if (st ~ /^SIP\/2.0 200/ && cseq ~ /BYE/) print cid}' "$work/uac.msg" | tr -d '\r' | sort -u >"$work/finished.txt"
finished=$(wc -l <"$work/finished.txt")
echo "SIPp exit $rc: $finished of $calls calls finished (BYE answered)"
check "SIPp finished calls (at least 95% of $calls)" '[ "$finished" -ge $((calls * 95 / 100)) ]'

# every finished call's record is stored once the CSV file holds it: kill -9 right then, the database still behind
for _ in $(seq 1 100); do
  [ "$(csv_pairs | cut -d, -f2 | sort -u | comm -12 - "$work/finished.txt" | wc -l)" -ge "$finished" ] && break
  sleep 0.1
done
dist_kill9
echo "killed -9: Karaf $killed_pids"
kill "$uas_pid" 2>/dev/null || true; uas_pid=""

"$home/bin/start"; wait_up
for _ in $(seq 1 30); do console "pbx:cdr-list --limit 1" | grep -q "record(s)" && break; sleep 1; done
# the database as pbx:cdr-list shows it: one Call column (the call ref) per record
console "pbx:cdr-list --caller 1001 --limit 10000" | awk -F'|' 'NF > 10 && $2 !~ /Call/ {gsub(/ /, "", $2); print $2}' \
  | sort >"$work/db-refs.txt"
csv_pairs | sort >"$work/csv-pairs.txt"
# the refs of the finished calls, from the CSV (the only place that maps Call-ID to call ref)
join -t, -1 2 -2 1 <(sort -t, -k2,2 "$work/csv-pairs.txt") "$work/finished.txt" | cut -d, -f2 | sort >"$work/finished-refs.txt"
echo "records: database $(wc -l <"$work/db-refs.txt"), CSV $(wc -l <"$work/csv-pairs.txt"), finished calls $finished"
check "the CSV files hold exactly one record for every finished call" \
  '[ "$(cut -d, -f2 "$work/csv-pairs.txt" | sort | uniq -c | awk '"'"'$1 == 1 {print $2}'"'"' | comm -12 - "$work/finished.txt" | wc -l)" -eq "$finished" ]'
check "the database holds exactly one record for every finished call" \
  '[ "$(wc -l <"$work/finished-refs.txt")" -eq "$finished" ] && [ "$(uniq -c "$work/db-refs.txt" | awk '"'"'$1 == 1 {print $2}'"'"' | comm -12 - "$work/finished-refs.txt" | wc -l)" -eq "$finished" ]'
check "no record twice in the database" '[ -z "$(uniq -d "$work/db-refs.txt")" ]'
check "the database holds every record of the CSV files" '[ -z "$(cut -d, -f1 "$work/csv-pairs.txt" | sort -u | comm -23 - "$work/db-refs.txt")" ]'
missing=$(comm -23 "$work/finished-refs.txt" "$work/db-refs.txt" | wc -l)
echo "database lacks $missing finished call(s); karaf.log on CDR recovery:"
grep -i "CDR recovery" "$home/data/log/karaf.log" || echo "  (nothing)"

dist_verdict
