#!/usr/bin/env bash
# Soak (issue 18): a running Plugboard carries short authenticated calls at a steady rate (half its sustained rate,
# found by call-ramp.sh) for a bounded time, while this script samples once a minute what must not grow: live heap
# after a full GC, threads, open file descriptors, live calls, and the RI's live transactions. At the end it compares
# the last quarter of the samples with the first quarter (after a warm-up) and says PASS or names what grew.
# Writes bench/out/runs/soak-<time>/samples.csv and prints the report (markdown, for BENCHMARKS.md).
#
# Usage: bench/soak.sh --rate CPS [--minutes 60] [--hold-ms 1000] [--pbx 127.0.0.1:5060] [--karaf-home DIR]
#        [--pbx-pid PID]   (the PBX must already run in demo mode: PLUGBOARD_DEMO=1 scripts/run.sh)
# Environment: CPUS=0:1 pins SIPp to CPU 0 and the PBX to CPU 1; GROWTH_HEAP_MB (default 16), GROWTH_THREADS (8),
# GROWTH_FDS (32): the allowed growth from the first to the last quarter.
set -euo pipefail
export PLUGBOARD_DEMO=1

BENCH="$(cd "$(dirname "$0")" && pwd)"
REPO="$(dirname "$BENCH")"
KARAF_HOME="$REPO/karaf-assembly/target/assembly"
PBX="127.0.0.1:5060"
PBX_PID=""
RATE=""
MINUTES=60
HOLD_MS=1000
SAMPLE_S=60
WARMUP_MIN=5
SIPP="${SIPP:-sipp}"
UAC_PORT="${UAC_PORT:-27000}"
UAS_PORT="${UAS_PORT:-27001}"
CALLER="${CALLER:-1001}"; CALLER_PW="${CALLER_PW:-demo1001pw}"
CALLEE="${CALLEE:-1002}"; CALLEE_PW="${CALLEE_PW:-demo1002pw}"
GROWTH_HEAP_MB="${GROWTH_HEAP_MB:-16}"
GROWTH_THREADS="${GROWTH_THREADS:-8}"
GROWTH_FDS="${GROWTH_FDS:-32}"
CPUS="${CPUS:-}"
GEN_CPUS="${CPUS%%:*}"; SRV_CPUS="${CPUS#*:}"
pin() { if [ -n "$1" ]; then echo taskset -c "$1"; fi; }

usage() { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
while [ $# -gt 0 ]; do
    case "$1" in
        --rate) RATE="$2"; shift 2 ;;
        --minutes) MINUTES="$2"; shift 2 ;;
        --hold-ms) HOLD_MS="$2"; shift 2 ;;
        --pbx) PBX="$2"; shift 2 ;;
        --pbx-pid) PBX_PID="$2"; shift 2 ;;
        --karaf-home) KARAF_HOME="$2"; shift 2 ;;
        -h|--help) usage ;;
        *) echo "unknown option: $1" >&2; usage ;;
    esac
done
whole() { case "$2" in ''|*[!0-9]*) die "$1 wants a whole number, got '$2'" ;; esac; }
whole --rate "$RATE"; [ "$RATE" -ge 1 ] && [ "$RATE" -le 2000 ] || die "--rate: 1..2000 calls/s (half the sustained rate)"
whole --minutes "$MINUTES"; [ "$MINUTES" -ge 4 ] && [ "$MINUTES" -le 240 ] || die "--minutes: 4..240 (bounded)"
# the first minutes are the JIT's and the pools' warm-up, not growth
[ "$MINUTES" -ge 20 ] || WARMUP_MIN=0
whole --hold-ms "$HOLD_MS"; [ "$HOLD_MS" -le 60000 ] || die "--hold-ms: at most 60000"
case "${PBX%:*}" in 127.0.0.1|localhost) ;; *) die "--pbx must be on loopback: this tool loads what it is pointed at" ;; esac
PBX_SIPP="127.0.0.1:${PBX##*:}"
for tool in "$SIPP" jcmd awk ss; do command -v "$tool" >/dev/null || die "$tool not found"; done
[ -d "$KARAF_HOME" ] && KARAF_HOME="$(cd "$KARAF_HOME" && pwd -P)"
CLIENT="$KARAF_HOME/bin/client"
[ -x "$CLIENT" ] || die "no Karaf client at $CLIENT (--karaf-home)"
if [ -z "$PBX_PID" ]; then PBX_PID="$(pgrep -f "karaf.home=$KARAF_HOME .*org.apache.karaf.main.Main" | head -1 || true)"; fi
[ -n "$PBX_PID" ] && kill -0 "$PBX_PID" 2>/dev/null || die "no PBX process found (--pbx-pid or --karaf-home)"
for p in "$UAC_PORT" "$UAS_PORT"; do ss -H -lun "sport = :$p" | grep -q . && die "UDP port $p is taken (UAC_PORT / UAS_PORT)"; done
if [ -n "$SRV_CPUS" ]; then taskset -a -p -c "$SRV_CPUS" "$PBX_PID" >/dev/null || die "taskset on $PBX_PID failed"; fi

RUN_DIR="$BENCH/out/runs/soak-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$RUN_DIR"
CSV="$RUN_DIR/samples.csv"
echo "minute,live_heap_mb,threads,fds,live_calls,server_transactions,client_transactions,calls_ok,calls_failed" >"$CSV"
console() { echo "$1" | timeout 30 "$CLIENT" -u karaf -p karaf -b 2>/dev/null | grep -v 'JAVA_HOME not set' || true; }
live_calls() {
    local out; out="$(console "pbx:call-list")"
    if grep -q '^No live calls' <<<"$out"; then echo 0; else grep -oE '^[0-9]+ live call' <<<"$out" | awk '{print $1}' | grep . || echo -1; fi
}
# the class histogram runs a full GC first: its total is the live heap; it also counts the RI's transactions
histogram() { timeout 120 jcmd "$PBX_PID" GC.class_histogram 2>/dev/null; }
count_of() { awk -v c="$1" '$4 == c {print $2; f=1} END {if (!f) print 0}' <<<"$2"; }
stat_col() {
    awk -F';' -v col="$2" 'NR==1{for(i=1;i<=NF;i++) if($i==col) c=i; next} c{v=$c} END{print (v==""?0:v)}' "$1" 2>/dev/null || echo 0
}

log "registering $CALLEE at 127.0.0.1:$UAS_PORT"
(cd "$RUN_DIR" && timeout 30 "$SIPP" "$PBX_SIPP" -sf "$BENCH/scenarios/call-register.xml" -m 1 -t u1 -i 127.0.0.1 \
    -p "$UAS_PORT" -s "$CALLEE" -au "$CALLEE" -ap "$CALLEE_PW" -key expires 7200 -timeout 10s -timeout_error \
    -nostdin >register.stdout 2>register.stderr) || die "the callee could not register, see $RUN_DIR/register.stderr"

LIMIT_S=$((MINUTES * 60))
CALLS=$((RATE * LIMIT_S))
(cd "$RUN_DIR" && exec timeout -k 5 $((LIMIT_S + 60)) $(pin "$GEN_CPUS") "$SIPP" -sf "$BENCH/scenarios/call-uas.xml" \
    -t u1 -i 127.0.0.1 -p "$UAS_PORT" -s "$CALLEE" -recv_timeout $((HOLD_MS + 6000)) -timeout "$((LIMIT_S + 30))s" \
    -default_behaviors all,-bye -nostdin -trace_stat -stf uas-stat.csv -fd 10 >uas.stdout 2>uas.stderr) &
UAS=$!
(cd "$RUN_DIR" && exec timeout -k 5 $((LIMIT_S + 30)) $(pin "$GEN_CPUS") "$SIPP" "$PBX_SIPP" \
    -sf "$BENCH/scenarios/call-uac.xml" -t u1 -i 127.0.0.1 -p "$UAC_PORT" -s "$CALLEE" -key caller "$CALLER" \
    -au "$CALLER" -ap "$CALLER_PW" -d "$HOLD_MS" -r "$RATE" -m "$CALLS" -l $((RATE * (HOLD_MS / 1000 + 2) * 2 + 100)) \
    -recv_timeout 6000 -timeout "${LIMIT_S}s" -default_behaviors all,-bye -nostdin -trace_stat -stf stat.csv -fd 10 \
    >uac.stdout 2>uac.stderr) &
UAC=$!
trap 'kill $UAC $UAS 2>/dev/null || true' EXIT INT TERM
log "soaking: $RATE calls/s for $MINUTES min, a sample every ${SAMPLE_S} s (run dir $RUN_DIR)"

start=$(date +%s)
minute=0
while kill -0 "$UAC" 2>/dev/null && [ $(( $(date +%s) - start )) -lt $((LIMIT_S + 30)) ]; do
    next=$((start + (minute + 1) * SAMPLE_S))
    while [ "$(date +%s)" -lt "$next" ] && kill -0 "$UAC" 2>/dev/null; do sleep 1; done
    kill -0 "$UAC" 2>/dev/null || break
    minute=$((minute + 1))
    h="$(histogram)"
    heap_mb=$(awk '$1 == "Total" {printf "%.1f", $3 / 1048576}' <<<"$h")
    st=$(count_of gov.nist.javax.sip.stack.SIPServerTransactionImpl "$h")
    st=$((st + $(count_of gov.nist.javax.sip.stack.OrderedServerTransaction "$h")))
    ct=$(count_of gov.nist.javax.sip.stack.SIPClientTransactionImpl "$h")
    threads=$(awk '/^Threads:/ {print $2}' "/proc/$PBX_PID/status")
    fds=$(ls "/proc/$PBX_PID/fd" | wc -l)
    echo "$minute,${heap_mb:-0},$threads,$fds,$(live_calls),$st,$ct,$(stat_col "$RUN_DIR/stat.csv" 'SuccessfulCall(C)'),$(stat_col "$RUN_DIR/stat.csv" 'FailedCall(C)')" >>"$CSV"
    log "minute $minute: $(tail -1 "$CSV")"
done
wait "$UAC" 2>/dev/null || true
kill "$UAS" 2>/dev/null || true
wait "$UAS" 2>/dev/null || true
trap - EXIT INT TERM

# 60 s after the load: no call may be left live
after=$(date +%s); left=$(live_calls)
while [ "$left" -ne 0 ] && [ $(( $(date +%s) - after )) -lt 60 ]; do sleep 2; left=$(live_calls); done

awk -F, -v w="$WARMUP_MIN" -v gh="$GROWTH_HEAP_MB" -v gt="$GROWTH_THREADS" -v gf="$GROWTH_FDS" -v left="$left" \
    -v rate="$RATE" -v mins="$MINUTES" '
NR > 1 && $1 > w { n++; m[n] = $1; h[n] = $2; t[n] = $3; f[n] = $4; ok = $8; failed = $9 }
END {
    if (n < 4) { print "too few samples after the warm-up (" n "): nothing to compare"; exit 1 }
    q = int(n / 4)
    for (i = 1; i <= q; i++) { h1 += h[i]; t1 += t[i]; f1 += f[i] }
    for (i = n - q + 1; i <= n; i++) { h2 += h[i]; t2 += t[i]; f2 += f[i] }
    h1 /= q; h2 /= q; t1 /= q; t2 /= q; f1 /= q; f2 /= q
    printf "| soak | calls/s | minutes | calls ok / failed | live heap MB (first -> last quarter) | threads | fds | live calls 60 s after |\n"
    printf "|---|---:|---:|---:|---|---|---|---:|\n"
    printf "| %s | %d | %d | %d / %d | %.1f -> %.1f | %.0f -> %.0f | %.0f -> %.0f | %d |\n", \
        (h2 - h1 <= gh && t2 - t1 <= gt && f2 - f1 <= gf && left == 0 ? "PASS" : "FAIL"), rate, mins, ok, failed, \
        h1, h2, t1, t2, f1, f2, left
    if (h2 - h1 > gh) print "- live heap grew " h2 - h1 " MB (allowed " gh ")"
    if (t2 - t1 > gt) print "- threads grew " t2 - t1 " (allowed " gt ")"
    if (f2 - f1 > gf) print "- file descriptors grew " f2 - f1 " (allowed " gf ")"
    if (left != 0) print "- " left " call(s) still live 60 s after the load (-1: the console did not answer)"
}' "$CSV" | tee "$RUN_DIR/report.md"
echo "samples: $CSV"
