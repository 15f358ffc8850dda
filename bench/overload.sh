#!/usr/bin/env bash
# Overload steps (issue 18): a running Plugboard offered its sustained call rate, then 2x and 4x, each for a bounded
# time, through call-ramp.sh's callers (authenticated short calls, loopback UDP). Reports per step the goodput (calls
# completed, as a share of the sustained rate), the 503s with and without Retry-After, the retransmissions, the
# admission counters of pbx:sip-stats, and after the load how long until no call is live (at most 60 s are waited).
# Records nothing in BENCHMARKS.md: run it on a quiet machine and copy the figures there yourself.
#
# Usage: bench/overload.sh --sustained CPS [--seconds 20] [--hold-ms 1000] [--pbx 127.0.0.1:5060] [--karaf-home DIR]
#        (the PBX must already run, in demo mode for the console login karaf/karaf: scripts/run.sh)
set -euo pipefail
export PLUGBOARD_DEMO=1

BENCH="$(cd "$(dirname "$0")" && pwd)"
REPO="$(dirname "$BENCH")"
KARAF_HOME="$REPO/karaf-assembly/target/assembly"
PBX="127.0.0.1:5060"
SUSTAINED=""
STEP_S=20
HOLD_MS=1000
AFTER_S=60

usage() { sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }
while [ $# -gt 0 ]; do
    case "$1" in
        --sustained) SUSTAINED="$2"; shift 2 ;;
        --seconds) STEP_S="$2"; shift 2 ;;
        --hold-ms) HOLD_MS="$2"; shift 2 ;;
        --pbx) PBX="$2"; shift 2 ;;
        --karaf-home) KARAF_HOME="$2"; shift 2 ;;
        -h|--help) usage ;;
        *) echo "unknown option: $1" >&2; usage ;;
    esac
done
case "$SUSTAINED" in ''|*[!0-9]*) die "--sustained wants the PBX's sustained calls/s (bench/call-ramp.sh finds it), got '$SUSTAINED'" ;; esac
[ "$SUSTAINED" -ge 1 ] && [ $((SUSTAINED * 4)) -le 5000 ] || die "--sustained: 1..1250 (4x must stay within call-ramp.sh's 5000/s)"
case "$STEP_S" in ''|*[!0-9]*) die "--seconds wants a whole number" ;; esac
[ "$STEP_S" -ge 1 ] && [ "$STEP_S" -le 60 ] || die "--seconds: 1..60 (each step is bounded)"
case "${PBX%:*}" in 127.0.0.1|localhost) ;; *) die "--pbx must be on loopback: this tool floods what it is pointed at" ;; esac
CLIENT="$KARAF_HOME/bin/client"
[ -x "$CLIENT" ] || die "no Karaf client at $CLIENT (--karaf-home)"

console() { echo "$1" | timeout 30 "$CLIENT" -u karaf -p karaf -b 2>/dev/null | grep -v 'JAVA_HOME not set' || true; }
# the count pbx:call-list prints last ("N live call(s)." or "No live calls."); -1 when the console did not answer
live_calls() {
    local out; out="$(console "pbx:call-list")"
    if grep -q '^No live calls' <<<"$out"; then echo 0; else grep -oE '^[0-9]+ live call' <<<"$out" | awk '{print $1}' | grep . || echo -1; fi
}

echo "admission before: $(console 'pbx:sip-stats' | grep '^Admission:' || echo '(pbx:sip-stats has no Admission line: an older PBX?)')"
# every step runs, also after one with a few retransmissions (the ramp would stop after two such steps)
MAX_MISSES=3 "$BENCH/call-ramp.sh" --pbx-only --pbx "$PBX" --karaf-home "$KARAF_HOME" --pbx-warmup 10 \
    --rates "$SUSTAINED $((SUSTAINED * 2)) $((SUSTAINED * 4))" --seconds "$STEP_S" --hold-ms "$HOLD_MS" >/dev/null
stopped=$(date +%s)
left=$(live_calls)
while [ "$left" -ne 0 ] && [ $(( $(date +%s) - stopped )) -lt "$AFTER_S" ]; do
    sleep 2
    left=$(live_calls)
done
echo "admission after:  $(console 'pbx:sip-stats' | grep '^Admission:' || true)"
console 'pbx:sip-stats' | grep -E 'overload-' || true

CSV="$BENCH/out/call-results.csv"
[ -s "$CSV" ] || die "call-ramp.sh left no $CSV"
echo
echo "| offered | calls/s | attempted | completed | goodput (of ${SUSTAINED}/s) | 503 | retrans UAC | timeouts | server CPU % |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
awk -F, -v s="$SUSTAINED" -v t="$STEP_S" '$1=="pbx" && $2=="ramp" {
    printf "| %sx | %s | %s | %s | %.0f %% | %s | %s | %s | %s |\n", $3 / s, $3, $4, $5, 100 * $5 / (s * t), $16, $11, $14, $8 }' "$CSV"
echo
echo "- $(( $(date +%s) - stopped )) s after the load stopped: $left call(s) live (target: 0 within ${AFTER_S} s; -1: the console did not answer)"
echo "- 503 above counts the callers' 503s with and without Retry-After (call-ramp.sh's raw files have them apart)"
