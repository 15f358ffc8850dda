#!/usr/bin/env bash
# Regression test of "a registration answered 200 is lost on kill -9": the registrar answered REGISTER before the
# binding was in the database (written behind within 50 ms, and the embedded H2 puts commits on the disk up to a
# second later), so a kill -9 right after the 200 lost bindings the phones believed stored, until they re-registered
# (up to an hour). Now the 200 leaves only after the group commit that holds the binding (H2: and its CHECKPOINT SYNC).
#
# On the real distribution: USERS bench users (bench/users.sh, imported with pbx:ext-import) plus USERS/5 more that
# register first; then at the same time SIPp registers the USERS users at RATE/s and another SIPp unregisters
# (Expires: 0) the USERS/5 first ones over the same span; kill -9 of the whole Karaf process tree as soon as both
# SIPps have their last answer; start again; pbx:reg-list must hold every binding that got a 200, and none whose
# unregistration got a 200. Loopback only; ports 15740-15746; every process it starts is stopped on exit.
#
# Usage: [TARBALL=dist.tar.gz] [KEEP=1] itests/e2e/registrations-survive-kill9.sh [USERS] [RATE]
#        (default 500 at 100/s; about 1 min; KEEP=1 keeps the work folder with SIPp's traces and the PBX's logs)
set -euo pipefail
export LC_ALL=C   # one sort order for sort and comm
cd "$(dirname "$0")/../.."
repo=$(pwd)
users=${1:-500}; rate=${2:-100}
case "$users$rate" in *[!0-9]*) echo "USERS and RATE are whole numbers"; exit 2 ;; esac
[ "$users" -ge 5 ] && [ "$users" -le 5000 ] || { echo "USERS: 5 to 5000"; exit 2; }
[ "$rate" -ge 5 ] && [ "$rate" -le 1000 ] || { echo "RATE: 5 to 1000 registrations/s"; exit 2; }
command -v sipp >/dev/null || { echo "sipp not found (apt-get install sip-tester)"; exit 2; }
tarball=${TARBALL:-$(ls karaf-assembly/target/karaf-assembly-*.tar.gz | head -1)}   # TARBALL: another build
scenario="$repo/itests/e2e/scenarios/register-users.xml"
work=$(mktemp -d)
sip_port=15740; old_port=15741; new_port=15742; del_port=15743; ssh_port=15744
rmi_registry_port=15745; rmi_server_port=15746
removed=$((users / 5)); del_rate=$((rate * removed / users)); [ "$del_rate" -ge 1 ] || del_rate=1
. itests/e2e/lib/dist.sh

sipp_pids=""
cleanup() {
  for p in $sipp_pids; do kill "$p" 2>/dev/null || true; done
  dist_stop
  if [ "${KEEP:-0}" = 1 ]; then echo "work folder kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM   # Ctrl-C or a CI timeout: still stop what was started

dist_unpack "$tarball"

# register NAME LOCAL_PORT INJECTION_FILE COUNT RATE EXPIRES CONTACT_PORT: one SIPp run, messages traced to NAME.msg
register() {
  local name=$1 port=$2 inf=$3 count=$4 r=$5 expires=$6 contact_port=$7
  local limit_s=$((count / r + 40))
  cd "$work" && exec timeout -k 5 $((limit_s + 10)) sipp 127.0.0.1:$sip_port -sf "$scenario" -inf "$inf" \
    -au '[field0]' -ap '[field1]' -key expires "$expires" -key contact_port "$contact_port" -t u1 -i 127.0.0.1 \
    -p "$port" -r "$r" -m "$count" -l $((r * 10 + 50)) -recv_timeout 10000 -timeout "${limit_s}s" -timeout_error \
    -nostdin -trace_msg -message_file "$name.msg" -trace_stat -stf "$name-stats.csv" -fd 1 >"$name.out" 2>&1
}
# the users whose authenticated REGISTER (CSeq 2) got a 200, from a SIPp message trace
answered_200() {
  [ -f "$1" ] || { echo "no SIPp trace $1; SIPp said:" >&2; cat "${1%.msg}.out" >&2 || true; return 0; }
  awk '/^(UDP message|-----)/ {if (st ~ /^SIP\/2.0 200/ && cseq ~ /^CSeq: *2 REGISTER/) print user; st = ""; cseq = ""; user = ""; next}
       st == "" && NF > 0 {st = $0; next}
       /^CSeq:/ {cseq = $0}
       /^To:/ {if (match($0, /sip:[^@>;]+@/)) user = substr($0, RSTART + 4, RLENGTH - 5)}
       END {if (st ~ /^SIP\/2.0 200/ && cseq ~ /^CSeq: *2 REGISTER/) print user}' "$1" | tr -d '\r' | sort -u
}
# the time (epoch seconds) of the last message SIPp traced: its separator lines end in "2026-12-06 08:35:10.119542"
last_message_time() {
  [ -f "$1" ] || return 0
  date -d "$(grep -E '^-{10,} ' "$1" | tail -1 | awk '{print $2, $3}')" +%s.%N
}

dist_start
BENCH_OUT="$work" FIRST_NUMBER=30000 "$repo/bench/users.sh" $((removed + users)) 2>/dev/null
console "pbx:ext-import $work/users.csv" | grep -m1 "Imported" || { echo "pbx:ext-import failed"; exit 1; }
{ echo SEQUENTIAL; sed -n "2,$((removed + 1))p" "$work/sipp-users.csv"; } >"$work/old.csv"
{ echo SEQUENTIAL; sed -n "$((removed + 2)),$((removed + users + 1))p" "$work/sipp-users.csv"; } >"$work/new.csv"

# the users that are unregistered later, registered first from port $old_port
(register old $old_port old.csv "$removed" "$rate" 3600 $old_port) || true
answered_200 "$work/old.msg" >"$work/old-ok.txt"
check "the first $removed users registered (200 for all)" '[ "$(wc -l <"$work/old-ok.txt")" -eq "$removed" ]'

# at the same time: $users registrations at $rate/s, and the unregistration of the first $removed users over the same span
echo "registering $users users at $rate/s while unregistering $removed at $del_rate/s ..."
(register new $new_port new.csv "$users" "$rate" 3600 $new_port) & new_pid=$!
(register del $del_port old.csv "$removed" "$del_rate" 0 $old_port) & del_pid=$!
sipp_pids="$new_pid $del_pid"
new_rc=0; del_rc=0
wait "$new_pid" || new_rc=$?
wait "$del_pid" || del_rc=$?
sipp_pids=""

# kill -9 right after the last answer
dist_kill9
last=$(printf '%s\n' "$(last_message_time "$work/new.msg")" "$(last_message_time "$work/del.msg")" | sort -n | tail -1)
echo "killed -9: Karaf $killed_pids, $(awk -v a="$killed_at" -v b="$last" 'BEGIN {printf "%.0f", (a - b) * 1000}') ms after the last answer SIPp traced"

answered_200 "$work/new.msg" >"$work/new-ok.txt"
answered_200 "$work/del.msg" >"$work/del-ok.txt"
new_ok=$(wc -l <"$work/new-ok.txt"); del_ok=$(wc -l <"$work/del-ok.txt")
echo "SIPp exit $new_rc/$del_rc: $new_ok of $users registrations and $del_ok of $removed unregistrations got a 200"
check "registrations answered 200 (at least 95% of $users)" '[ "$new_ok" -ge $((users * 95 / 100)) ]'
check "unregistrations answered 200 (at least 95% of $removed)" '[ "$del_ok" -ge $((removed * 95 / 100)) ]'

"$home/bin/start"; wait_up
console "pbx:reg-list" | awk -F'|' 'NF > 4 && $1 !~ /Extension/ {gsub(/ /, "", $1); gsub(/ /, "", $2); print $1 "," $2}' \
  | sort >"$work/restored.txt"
grep -h "registrations restored" "$home/data/log/karaf.log" | tail -1 | sed 's/.*| //' || true
# a registration is kept if its user has the contact it registered (new users: port $new_port)
awk -v p=$new_port '{print $1 ",sip:" $1 "@127.0.0.1:" p}' "$work/new-ok.txt" | sort >"$work/new-expected.txt"
lost=$(comm -23 "$work/new-expected.txt" "$work/restored.txt" | wc -l)
cut -d, -f1 "$work/restored.txt" | sort -u >"$work/restored-users.txt"
back=$(comm -12 "$work/del-ok.txt" "$work/restored-users.txt" | wc -l)
echo "after the restart: $(wc -l <"$work/restored.txt") bindings; $lost registration(s) answered 200 missing, $back unregistration(s) answered 200 back"
check "every registration answered 200 is in pbx:reg-list after kill -9 and restart" '[ "$lost" -eq 0 ]'
check "no unregistration answered 200 is undone after kill -9 and restart" '[ "$back" -eq 0 ]'
if [ "$lost" -gt 0 ] || [ "$back" -gt 0 ]; then
  echo "missing (first 10):"; comm -23 "$work/new-expected.txt" "$work/restored.txt" | head -10
  echo "back (first 10):"; comm -12 "$work/del-ok.txt" "$work/restored-users.txt" | head -10
fi

dist_verdict
