#!/usr/bin/env bash
# Call rate ramp: short authenticated calls (SIPp caller -> target -> SIPp callee, loopback UDP) against Kamailio
# (started here as a record-routing stateful proxy, the reference) and then against Plugboard (a B2BUA), with the
# same callers, scenarios and steps. Writes bench/out/call-results.csv and call-results.md and prints the report.
# --memory instead holds N long calls up against Plugboard and reports its heap per established call.
# See bench/README.md.
#
# Usage: bench/call-ramp.sh [--pbx HOST:PORT] [--pbx-pid PID] [--karaf-home DIR] [--kamailio-only | --pbx-only]
#                           [--rates "50 100 200 300 400 500 600 800 1000 1200 1500 2000 2500"] [--seconds 20] [--hold-ms 1000]
#                           [--pbx-warmup SECONDS] [--memory [N]] [--memory-rate CPS]
set -euo pipefail
export PLUGBOARD_DEMO=1 # the PBX copies run in demo mode: the benches log in to the console as karaf/karaf

BENCH="$(cd "$(dirname "$0")" && pwd)"
REPO="$(dirname "$BENCH")"
OUT="$BENCH/out"
UAC_SF="$BENCH/scenarios/call-uac.xml"
UAS_SF="$BENCH/scenarios/call-uas.xml"
REG_SF="$BENCH/scenarios/call-register.xml"
KAM_CFG="$BENCH/kamailio/kamailio-proxy.cfg"
KARAF_HOME="$REPO/karaf-assembly/target/assembly"

# ---- options (environment variables give the less common knobs) -------------------------------
PBX="127.0.0.1:5060"
PBX_PID=""
# CPUS="0:1": SIPp on CPU 0, the server under test (Kamailio, the PBX) on CPU 1 (taskset lists), so each
# figure is the server's alone and CPU per operation is not blurred by the load generator
CPUS="${CPUS:-}"
GEN_CPUS="${CPUS%%:*}"; SRV_CPUS="${CPUS#*:}"
pin() { if [ -n "$1" ]; then echo taskset -c "$1"; fi; }
KAM_RUN=1
PBX_RUN=1
RATES="50 100 200 300 400 500 600 800 1000 1200 1500 2000 2500"
STEP_S=20            # each step offers rate x STEP_S calls
HOLD_MS=1000         # how long each call stays up between ACK and BYE
WARMUP_S=20          # unscored PBX step first: the JVM's JIT compiles the call path (Kamailio is C and needs none)
WARMUP_RATE="${WARMUP_RATE:-100}"
MEMORY=0             # --memory: heap per established call instead of the ramp (PBX only)
MEM_CALLS=2000       # the relay's default ports (20000-29999: 5000 pairs, 2 per call) hold 2500 calls
MEM_RATE=200         # set-up rate of the memory run
MEM_AFTER_S="${MEM_AFTER_S:-40}"   # wait before the heap after the calls: UDP transactions linger 32 s (64*T1)
MEM_SETTLE_S="${MEM_SETTLE_S:-5}"  # wait between the last call answered and the heap: 40 leaves out the stack's 32 s linger
CALLER="${CALLER:-1001}"; CALLER_PW="${CALLER_PW:-demo1001pw}"
CALLEE="${CALLEE:-1002}"; CALLEE_PW="${CALLEE_PW:-demo1002pw}"
DIALLED="${DIALLED:-$CALLEE}"   # the number the callers dial: another one than CALLEE when a service forwards it there
KAM_PORT="${KAM_PORT:-5070}"
KAM_CHILDREN="${KAM_CHILDREN:-2}"
# tm keeps every transaction in shared memory until its wait timer (5 s) ends: at 2000 calls/s the 256 MB of
# the REGISTER benchmark ran out ("could not allocate shared memory", 500 to the callers)
KAM_SHM_MB="${KAM_SHM_MB:-1024}"
SIPP="${SIPP:-sipp}"
UAC_PORT="${UAC_PORT:-26000}"              # the callers' socket; away from 5060 (PBX), 15060 (itests), 25060 (REGISTER ramp)
UAS_PORT="${UAS_PORT:-26001}"              # the callee's socket, registered as CALLEE's Contact
PING_PORT="${PING_PORT:-26002}"            # sipsak's, for the OPTIONS ping
RECV_TIMEOUT_MS="${RECV_TIMEOUT_MS:-6000}" # a transaction unanswered this long fails the call
PAUSE_S="${PAUSE_S:-3}"                    # quiet time between steps
MAX_MISSES="${MAX_MISSES:-2}"              # the ramp stops after this many steps in a row not sustained (overload.sh: all steps)
TRACE="${TRACE:-0}"                        # 1: both SIPps log every message (uac.msg, uas.msg per step; large)

usage() { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
while [ $# -gt 0 ]; do
    case "$1" in
        --pbx) PBX="$2"; shift 2 ;;
        --pbx-pid) PBX_PID="$2"; shift 2 ;;
        --karaf-home) KARAF_HOME="$2"; shift 2 ;;
        --kamailio-only) PBX_RUN=0; shift ;;
        --pbx-only) KAM_RUN=0; shift ;;
        --rates) RATES="$2"; shift 2 ;;
        --seconds) STEP_S="$2"; shift 2 ;;
        --hold-ms) HOLD_MS="$2"; shift 2 ;;
        --pbx-warmup) WARMUP_S="$2"; shift 2 ;;
        --memory)
            MEMORY=1; shift
            if [ $# -gt 0 ] && [[ "$1" =~ ^[0-9]+$ ]]; then MEM_CALLS="$1"; shift; fi ;;
        --memory-rate) MEM_RATE="$2"; shift 2 ;;
        -h|--help) usage ;;
        *) echo "unknown option: $1" >&2; usage ;;
    esac
done

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
whole() { case "$2" in ''|*[!0-9]*) die "$1 wants a whole number, got '$2'" ;; esac; }

whole --seconds "$STEP_S"; [ "$STEP_S" -ge 1 ] && [ "$STEP_S" -le 120 ] || die "--seconds must be 1..120"
whole --hold-ms "$HOLD_MS"; [ "$HOLD_MS" -le 60000 ] || die "--hold-ms: at most 60000"
for r in $RATES; do whole --rates "$r"; [ "$r" -ge 1 ] && [ "$r" -le 5000 ] || die "rate $r outside 1..5000"; done
whole --pbx-warmup "$WARMUP_S"; [ "$WARMUP_S" -le 120 ] || die "--pbx-warmup: at most 120 s"
whole WARMUP_RATE "$WARMUP_RATE"; [ "$WARMUP_RATE" -ge 1 ] && [ "$WARMUP_RATE" -le 5000 ] || die "WARMUP_RATE outside 1..5000"
whole --memory "$MEM_CALLS"; [ "$MEM_CALLS" -ge 1 ] && [ "$MEM_CALLS" -le 50000 ] || die "--memory: 1..50000 calls"
whole --memory-rate "$MEM_RATE"; [ "$MEM_RATE" -ge 1 ] && [ "$MEM_RATE" -le 2000 ] || die "--memory-rate: 1..2000"
[ "$KAM_RUN" -eq 1 ] || [ "$PBX_RUN" -eq 1 ] || die "--kamailio-only and --pbx-only exclude each other"
[ -d "$KARAF_HOME" ] && KARAF_HOME="$(cd "$KARAF_HOME" && pwd -P)"
KARAF_CLIENT="$KARAF_HOME/bin/client"

# HOST:PORT or [v6]:PORT, loopback only: this tool floods whatever it is pointed at.
PBX_HOST="${PBX%:*}"; PBX_PORT="${PBX##*:}"
PBX_HOST="${PBX_HOST#[}"; PBX_HOST="${PBX_HOST%]}"
case "$PBX_HOST" in
    127.0.0.1|localhost) PBX_SIPP="127.0.0.1:$PBX_PORT" ;;
    *) die "--pbx must be 127.0.0.1 (the SIPp parties listen on 127.0.0.1), got '$PBX'" ;;
esac
whole "port in --pbx" "$PBX_PORT"

for tool in "$SIPP" sipsak awk ss; do
    command -v "$tool" >/dev/null || die "$tool not found (apt-get install sip-tester sipsak iproute2)"
done
[ "$KAM_RUN" -eq 0 ] || [ "$MEMORY" -eq 1 ] || command -v kamailio >/dev/null || die "kamailio not found (apt-get install kamailio)"

RUN_ID="$(date +%Y%m%d-%H%M%S)"
RUN_DIR="$OUT/runs/calls-$RUN_ID"
mkdir -p "$RUN_DIR"
CLK_TCK="$(getconf CLK_TCK)"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
SIPP_BUF="$(cat /proc/sys/net/core/rmem_max 2>/dev/null || echo 212992)"
[ "$SIPP_BUF" -gt 8388608 ] && SIPP_BUF=8388608
for p in "$UAC_PORT" "$UAS_PORT" "$PING_PORT"; do
    if ss -H -lun "sport = :$p" | grep -q .; then die "UDP port $p is taken (UAC_PORT / UAS_PORT / PING_PORT)"; fi
done

# ---- CPU and kernel counters (as in register-ramp.sh) --------------------------------------------
proc_ticks() {
    local sum=0 pid f
    for pid in "$@"; do
        f="$(cat "/proc/$pid/stat" 2>/dev/null)" || continue
        f="${f##*) }"
        set -- $f
        sum=$((sum + ${12} + ${13}))
    done
    echo "$sum"
}
sys_ticks() { awk '/^cpu /{idle=$5+$6; t=0; for(i=2;i<=NF;i++) t+=$i; print t-idle, t; exit}' /proc/stat; }
udp_drops() {
    awk '/^Udp:/ {n++; if (n == 1) for (i = 2; i <= NF; i++) h[$i] = i; else {print $h["RcvbufErrors"]; exit}}' /proc/net/snmp
}
stat_col() {
    awk -F';' -v col="$2" 'NR==1{for(i=1;i<=NF;i++) if($i==col) c=i; next} c{v=$c} END{print (v==""?0:v)}' "$1" 2>/dev/null || echo 0
}
sip_reachable() {
    local rc=0
    timeout 8 sipsak -s "sip:ping@$1" -l "$PING_PORT" >/dev/null 2>&1 || rc=$?
    [ "$rc" -eq 0 ] || [ "$rc" -eq 1 ]
}

# ---- the SIPp parties ------------------------------------------------------------------------------
# register_callee REMOTE EXPIRES DIR: CALLEE's binding to 127.0.0.1:UAS_PORT (0 = remove it); 0 on success
register_callee() {
    local remote="$1" expires="$2" dir="$3" rc=0
    mkdir -p "$dir"
    (cd "$dir" && timeout 30 "$SIPP" "$remote" -sf "$REG_SF" -m 1 -t u1 -i 127.0.0.1 -p "$UAS_PORT" -s "$CALLEE" \
        -au "$CALLEE" -ap "$CALLEE_PW" -key expires "$expires" -timeout 10s -timeout_error -nostdin \
        -trace_msg -message_file register.log >sipp.stdout 2>sipp.stderr) || rc=$?
    return "$rc"
}

UAS_PID=""; UAS_DIR=""
# start_uas DIR HOLD_MS LIMIT_S: the callee in the background, bounded by LIMIT_S. No -m: a stray request of
# an earlier call (see call-uas.xml) would count against it; stop_uas ends it when its calls are done.
start_uas() {
    local dir="$1" hold="$2" limit_s="$3"
    mkdir -p "$dir"
    UAS_DIR="$dir"
    (
        cd "$dir"
        TIMEFORMAT='%U %S'
        { time timeout -k 5 $((limit_s + 10)) $(pin "$GEN_CPUS") "$SIPP" -sf "$UAS_SF" -t u1 -i 127.0.0.1 -p "$UAS_PORT" -s "$CALLEE" \
            -buff_size "$SIPP_BUF" -recv_timeout $((hold + RECV_TIMEOUT_MS)) \
            -timeout "${limit_s}s" -default_behaviors all,-bye -nostdin \
            -trace_stat -stf uas-stat.csv -fd 1 -trace_err -error_file uas-errors.log -max_log_size 2000000 \
            -trace_screen -screen_file uas-screen.txt $( [ "$TRACE" = 1 ] && echo "-trace_msg -message_file uas.msg -max_log_size 1000000000" ) \
            >uas.stdout 2>uas.stderr; } 2>uas.cpu
    ) &
    UAS_PID=$!
    for _ in $(seq 1 30); do ss -H -lun "sport = :$UAS_PORT" | grep -q . && return 0; sleep 0.1; done
    log "the callee SIPp did not open port $UAS_PORT, see $dir/uas.stderr"
}
# stop_uas CALLS: once the callers are done, waits (at most 10 s) until the callee has finished CALLS calls or
# failed the rest, then stops it (the subshell's child is `timeout`, which passes SIGTERM on to SIPp)
stop_uas() {
    [ -n "$UAS_PID" ] || return 0
    local want="${1:-0}" c
    for _ in $(seq 1 50); do
        kill -0 "$UAS_PID" 2>/dev/null || break
        [ $(( $(stat_col "$UAS_DIR/uas-stat.csv" 'callee_done(C)') + $(stat_col "$UAS_DIR/uas-stat.csv" 'FailedCall(C)') )) -ge "$want" ] && break
        sleep 0.2
    done
    # one more statistics period, so the file has the last calls
    sleep 1.1
    for c in $(pgrep -P "$UAS_PID"); do kill -TERM "$c" 2>/dev/null || true; done
    for _ in $(seq 1 25); do kill -0 "$UAS_PID" 2>/dev/null || break; sleep 0.2; done
    kill "$UAS_PID" 2>/dev/null || true
    wait "$UAS_PID" 2>/dev/null || true
    UAS_PID=""
}

# run_uac DIR REMOTE RATE CALLS HOLD_MS LIMIT_S: the callers, in the foreground
run_uac() {
    local dir="$1" remote="$2" rate="$3" calls="$4" hold="$5" limit_s="$6" rc=0
    # simultaneous calls: rate x (hold + set-up), with room for calls that take longer
    local lim=$(( rate * (hold / 1000 + 2) * 2 + 100 ))
    # SIPp writes set-up times in blocks of rtt_freq and drops an incomplete last block: the rate divides the
    # call count of every step
    local rtt_freq=$(( rate > 1000 ? 1000 : rate ))
    [ $((calls % rtt_freq)) -eq 0 ] || rtt_freq=1
    mkdir -p "$dir"
    (
        cd "$dir"
        TIMEFORMAT='%U %S'
        { time timeout -k 5 $((limit_s + 10)) $(pin "$GEN_CPUS") "$SIPP" "$remote" -sf "$UAC_SF" -t u1 -i 127.0.0.1 -p "$UAC_PORT" \
            -s "$DIALLED" -key caller "$CALLER" -au "$CALLER" -ap "$CALLER_PW" -d "$hold" \
            -r "$rate" -rp 1000 -m "$calls" -l "$lim" -buff_size "$SIPP_BUF" -recv_timeout "$RECV_TIMEOUT_MS" \
            -timeout "${limit_s}s" -timeout_error -default_behaviors all,-bye -nostdin \
            -trace_stat -stf stat.csv -fd 1 -trace_rtt -rtt_freq "$rtt_freq" -trace_err -error_file errors.log \
            -max_log_size 2000000 -trace_error_codes -trace_screen -screen_file screen.txt \
            $( [ "$TRACE" = 1 ] && echo "-trace_msg -message_file uac.msg -max_log_size 1000000000" ) >sipp.stdout 2>sipp.stderr; } 2>sipp.cpu
    ) || rc=$?
    return "$rc"
}

# ---- one ramp step -------------------------------------------------------------------------------
# step NAME REMOTE RATE LABEL PID...: rate x STEP_S calls; prints one CSV row (see CSV_HEAD)
CSV_HEAD="target,step,rate,attempted,ok,failed,achieved_cps,server_cpu_pct,sipp_cpu_pct,other_cpu_pct,retrans_uac,retrans_uas,uas_failed,timeouts,unexpected,r503,setup_p50_ms,setup_p99_ms,udp_drops,sustained,late_1xx,callee_strays"
step() {
    local name="$1" remote="$2" rate="$3" label="$4"; shift 4
    local dir="$RUN_DIR/$name-$label-$rate" calls=$((rate * STEP_S))
    local run_s=$(( calls / rate + HOLD_MS / 1000 + 2 * RECV_TIMEOUT_MS / 1000 + 10 ))
    local srv0 srv1 sys0 sys1 t0 t1 drop0 drop1
    mkdir -p "$dir"
    start_uas "$dir" "$HOLD_MS" $((run_s + 5))
    srv0="$(proc_ticks "$@")"; sys0="$(sys_ticks)"; drop0="$(udp_drops)"; t0="$(date +%s.%N)"
    run_uac "$dir" "$remote" "$rate" "$calls" "$HOLD_MS" "$run_s" || true
    stop_uas "$calls"
    srv1="$(proc_ticks "$@")"; sys1="$(sys_ticks)"; drop1="$(udp_drops)"; t1="$(date +%s.%N)"
    if [ "$name" = pbx ] && [ $# -gt 0 ]; then timeout 20 jcmd "$1" GC.heap_info >"$dir/heap.txt" 2>&1 || true; fi
    [ -s "$dir/stat.csv" ] || { log "SIPp left no statistics, see $dir/sipp.stderr"; tail -5 "$dir/sipp.stderr" >&2 || true; }

    local st="$dir/stat.csv" us="$dir/uas-stat.csv"
    local attempted ok failed r503 timeouts unexp retr_uac retr_uas uas_ok uas_failed late strays
    attempted="$(stat_col "$st" 'OutgoingCall(C)')"
    ok="$(stat_col "$st" 'SuccessfulCall(C)')"
    failed="$(stat_col "$st" 'FailedCall(C)')"
    r503=$(( $(stat_col "$st" 'c503_retry_after(C)') + $(stat_col "$st" 'c503_no_retry(C)') ))
    timeouts=$(( $(stat_col "$st" 'FailedMaxUDPRetrans(C)') + $(stat_col "$st" 'FailedTimeoutOnRecv(C)') ))
    unexp="$(stat_col "$st" 'FailedUnexpectedMessage(C)')"
    retr_uac="$(stat_col "$st" 'Retransmissions(C)')"
    retr_uas="$(stat_col "$us" 'Retransmissions(C)')"
    uas_ok="$(stat_col "$us" 'callee_done(C)')"
    uas_failed="$(stat_col "$us" 'FailedCall(C)')"
    late="$(stat_col "$st" 'late_provisional(C)')"
    strays="$(stat_col "$us" 'stray(C)')"
    # a call that ended on a 503 counts as successful for SIPp (see the scenario): move it to failed
    ok=$((ok - r503)); failed=$((failed + r503))
    # calls SIPp did not finish before its time limit are neither: count them failed
    local unfinished=$((calls - ok - failed))
    [ "$unfinished" -gt 0 ] && failed=$((failed + unfinished))

    # set-up time (first INVITE -> 200) from the -trace_rtt file: p50, p99, and when the last call was answered
    local pct="- - 0"
    if ls "$dir"/call-uac_*_rtt.csv >/dev/null 2>&1; then
        pct="$(awk -F';' 'NR>1 && $3==1 {print $2, $1}' "$dir"/call-uac_*_rtt.csv | sort -n |
            awk '{v[NR]=$1; if ($2 > last) last = $2}
                 END{ if(NR==0){print "- - 0"; exit}
                 i50=int(NR*0.50); if(i50<1)i50=1; i99=int(NR*0.99); if(i99<1)i99=1; print v[i50], v[i99], last}')"
    fi
    local cpu_uac cpu_uas
    cpu_uac="$(cat "$dir/sipp.cpu" 2>/dev/null || echo '0 0')"; cpu_uas="$(cat "$dir/uas.cpu" 2>/dev/null || echo '0 0')"
    awk -v name="$name" -v label="$label" -v rate="$rate" -v att="$attempted" -v ok="$ok" -v failed="$failed" \
        -v t0="$t0" -v t1="$t1" -v tck="$CLK_TCK" -v srv="$((srv1 - srv0))" \
        -v sysb="$(echo "$sys0 $sys1" | awk '{print $3-$1}')" -v cu="$cpu_uac" -v cs="$cpu_uas" \
        -v ru="$retr_uac" -v rs="$retr_uas" -v uok="$uas_ok" -v uf="$uas_failed" -v to="$timeouts" -v unexp="$unexp" \
        -v r503="$r503" -v pct="$pct" -v calls="$calls" -v drops="$((drop1 - drop0))" -v late="$late" -v strays="$strays" 'BEGIN{
            split(pct, p, " ")
            # answered calls per second over the offered window (calls/rate s), or up to the last 200 if later
            el = p[3] / 1000
            if (el < calls / rate) el = calls / rate
            wall = t1 - t0
            split(cu, a, " "); split(cs, b, " ")
            sippcpu = 100 * (a[1] + a[2] + b[1] + b[2]) / wall
            srvcpu = 100 * srv / tck / wall
            other = 100 * sysb / tck / wall - srvcpu - sippcpu; if (other < 0) other = 0
            # the callee must have finished every call as well (its BYE came, its 200 got ACKed)
            uf2 = uf + ((calls - uok - uf) > 0 ? calls - uok - uf : 0)
            sus = (failed == 0 && ok == calls && uf2 == 0 && ok / el >= 0.95 * rate) ? "yes" : "no"
            printf "%s,%s,%d,%d,%d,%d,%.0f,%.0f,%.0f,%.0f,%d,%d,%d,%d,%d,%d,%s,%s,%d,%s,%d,%d\n",
                name, label, rate, att, ok, failed, ok / el, srvcpu, sippcpu, other, ru, rs, uf2, to, unexp, r503,
                p[1], p[2], drops, sus, late, strays
        }'
}

# one call end to end, to prove registration, auth and routing before a ramp; prints why not on failure
verify_one() {
    local name="$1" remote="$2" dir="$RUN_DIR/$1-verify" rc=0
    mkdir -p "$dir"
    start_uas "$dir" 200 $((RECV_TIMEOUT_MS / 1000 * 2 + 10))
    run_uac "$dir" "$remote" 1 1 200 $((RECV_TIMEOUT_MS / 1000 * 2 + 5)) || rc=$?
    stop_uas 1
    if [ "$(stat_col "$dir/stat.csv" 'SuccessfulCall(C)')" = 1 ] && [ "$(stat_col "$dir/stat.csv" 'c503_no_retry(C)')" = 0 ] &&
        [ "$(stat_col "$dir/stat.csv" 'c503_retry_after(C)')" = 0 ] && [ "$(stat_col "$dir/uas-stat.csv" 'callee_done(C)')" = 1 ]; then
        log "$name: one call $CALLER -> $DIALLED OK"
        return 0
    fi
    log "$name: the test call FAILED (caller SIPp exit $rc), logs in $dir"
    if grep -qs "must use MD5" "$dir"/*; then
        log "$name: the first challenge is not MD5; SIPp 3.6 hashes only MD5 (offer MD5 first on the PBX)"
    fi
    tail -n 15 "$dir/errors.log" "$dir/uas-errors.log" "$dir/sipp.stderr" 2>/dev/null >&2 || true
    return 1
}

# ---- Kamailio -------------------------------------------------------------------------------------
KAM_PID=""; KAM_PIDS=""
KAM_DIR="$RUN_DIR/kamailio"
stop_kamailio() {
    if [ -n "$KAM_PID" ] && kill -0 "$KAM_PID" 2>/dev/null; then
        kill "$KAM_PID" 2>/dev/null || true
        for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$KAM_PID" 2>/dev/null || break; sleep 0.5; done
        kill -9 "$KAM_PID" 2>/dev/null || true
        wait "$KAM_PID" 2>/dev/null || true
    fi
    KAM_PID=""
}
CALLEE_REGISTERED_AT=""
cleanup() {
    stop_uas
    # leave no binding of the benchmark's callee behind on the PBX
    if [ -n "$CALLEE_REGISTERED_AT" ]; then
        register_callee "$CALLEE_REGISTERED_AT" 0 "$RUN_DIR/unregister" || log "WARNING: unregistering $CALLEE failed"
    fi
    stop_kamailio
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_kamailio() {
    mkdir -p "$KAM_DIR"
    if ss -H -lun "sport = :$KAM_PORT" | grep -q .; then die "UDP port $KAM_PORT is taken; choose another with KAM_PORT=..."; fi
    log "starting Kamailio on 127.0.0.1:$KAM_PORT ($KAM_CHILDREN UDP workers, ${KAM_SHM_MB} MB shared memory, stateful proxy with record-route)"
    $(pin "$SRV_CPUS") kamailio -DD -E -f "$KAM_CFG" -Y "$KAM_DIR" -P "$KAM_DIR/kamailio.pid" -m "$KAM_SHM_MB" -M 16 \
        -A "BENCH_PORT=$KAM_PORT" -A "BENCH_CHILDREN=$KAM_CHILDREN" >"$KAM_DIR/kamailio.log" 2>&1 &
    KAM_PID=$!
    for _ in $(seq 1 20); do
        sip_reachable "127.0.0.1:$KAM_PORT" && break
        kill -0 "$KAM_PID" 2>/dev/null || { cat "$KAM_DIR/kamailio.log" >&2; die "Kamailio exited"; }
        sleep 0.5
    done
    sip_reachable "127.0.0.1:$KAM_PORT" || die "Kamailio does not answer OPTIONS, see $KAM_DIR/kamailio.log"
    KAM_PIDS="$KAM_PID $(pgrep -P "$KAM_PID" | tr '\n' ' ')"
}

# ---- PBX ------------------------------------------------------------------------------------------
pbx_pid() {
    [ -n "$PBX_PID" ] && { echo "$PBX_PID"; return; }
    local p
    p="$(pgrep -f "karaf.home=$KARAF_HOME .*org.apache.karaf.main.Main" | head -1)"
    [ -n "$p" ] || p="$(ss -H -lunp "sport = :$PBX_PORT" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)"
    echo "$p"
}
pbx_console() {
    [ -x "$KARAF_CLIENT" ] || { echo "no Karaf client at $KARAF_CLIENT" >"$1"; return 0; }
    echo "$2" | timeout 60 "$KARAF_CLIENT" -u karaf -p karaf -b 2>&1 | grep -v 'JAVA_HOME not set' >"$1" || true
}

# ---- ramp ---------------------------------------------------------------------------------------------
CSV="$RUN_DIR/calls.csv"
echo "$CSV_HEAD" >"$CSV"

# ramp NAME REMOTE PID...: all steps; stops after MAX_MISSES steps in a row that were not sustained
ramp() {
    local name="$1" remote="$2"; shift 2
    local misses=0 rate row
    for rate in $RATES; do
        log "$name: $rate calls/s for ${STEP_S}s, hold ${HOLD_MS} ms ..."
        row="$(step "$name" "$remote" "$rate" ramp "$@")"
        echo "$row" >>"$CSV"
        log "$name: $(echo "$row" | awk -F, '{printf "ok %s/%s failed %s (callee %s) achieved %s/s retrans %s+%s server CPU %s%% sustained %s", $5, $4, $6, $13, $7, $11, $12, $8, $20}')"
        if [ "$(echo "$row" | cut -d, -f20)" = yes ]; then misses=0; else misses=$((misses + 1)); fi
        if [ "$misses" -ge "$MAX_MISSES" ]; then log "$name: $misses steps in a row not sustained, ramp stopped"; break; fi
        sleep "$PAUSE_S"
    done
}
best_rate() { awk -F, -v n="$1" '$1==n && $2=="ramp" && $20=="yes" && $3>b {b=$3} END{print b+0}' "$CSV"; }
capped() { awk -F, -v n="$1" '$1==n && $2=="ramp"{last=$20} END{print (last=="yes")?"yes":"no"}' "$CSV"; }
fmt_sus() {
    if [ "$1" -eq 0 ]; then echo "none"; elif [ "$(capped "$2")" = yes ]; then echo ">= $1 calls/s (top step: the limit is higher)"; else echo "$1 calls/s"; fi
}
md_table() {
    echo "| step | rate/s | attempted | ok | failed | achieved/s | server CPU % | SIPp CPU % | other CPU % | retrans UAC | retrans UAS | callee failed | timeouts | unexpected | 503 | set-up p50 ms | set-up p99 ms | UDP drops | late 1xx | callee strays | sustained |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
    awk -F, -v n="$1" '$1==n {printf "| %s |", $2; for(i=3;i<=19;i++) printf " %s |", $i; printf " %s | %s | %s |\n", $21, $22, $20}' "$CSV"
}

# ---- memory: heap per established call --------------------------------------------------------------
# live_bytes PID FILE: live heap after a full GC (GC.class_histogram forces one), from the histogram's Total
live_bytes() {
    timeout 120 jcmd "$1" GC.class_histogram >"$2" 2>&1 || true
    awk '$1=="Total" {print $3; exit}' "$2"
}
# heap_used PID: G1's "used" after the GC above, in bytes (GC.heap_info)
heap_used() {
    timeout 20 jcmd "$1" GC.heap_info 2>/dev/null |
        awk 'match($0, /used [0-9]+K/) {print substr($0, RSTART + 5, RLENGTH - 6) * 1024; exit}'
}
memory_run() {
    local remote="$1" pid="$2" dir="$RUN_DIR/memory" n="$MEM_CALLS" rate="$MEM_RATE"
    mkdir -p "$dir"
    local setup_s=$(( (n + rate - 1) / rate ))
    # every call stays up until all are set up and measured (settle, the histogram's full GC a few s)
    local hold_ms=$(( (setup_s + MEM_SETTLE_S + 40) * 1000 ))
    local limit_s=$(( hold_ms / 1000 + setup_s + 2 * RECV_TIMEOUT_MS / 1000 + 30 ))
    log "memory: heap of the idle PBX (pid $pid; full GC) ..."
    local idle idle_used loaded loaded_used after answered=0 t_end
    idle="$(live_bytes "$pid" "$dir/histo-idle.txt")"; idle_used="$(heap_used "$pid")"
    [ -n "$idle" ] || die "jcmd $pid GC.class_histogram gave no total (see $dir/histo-idle.txt): is $pid the PBX's JVM, run as this user?"
    # SIPp sends no RTP: the relay's inactivity timer (60 s) would end the calls before they are measured
    local inactivity
    inactivity="$(echo "config:property-get -p org.plugboard.media inactivity.timeout" | timeout 60 "$KARAF_CLIENT" -u karaf -p karaf -b 2>/dev/null | grep -o '^[0-9]*' | head -1 || true)"
    pbx_console "$dir/inactivity-off.txt" "config:property-set -p org.plugboard.media inactivity.timeout 0"
    sleep 2 # the relay takes the configuration on its own thread
    log "memory: idle live heap $idle bytes; media inactivity timer off (was ${inactivity:-the default}); setting up $n calls at $rate/s, each held $((hold_ms / 1000)) s ..."
    start_uas "$dir" "$hold_ms" "$limit_s"
    ( run_uac "$dir" "$remote" "$rate" "$n" "$hold_ms" "$limit_s" || true ) &
    local uac_pid=$!
    t_end=$(( $(date +%s) + setup_s + 30 ))
    while [ "$(date +%s)" -lt "$t_end" ]; do
        answered="$(stat_col "$dir/stat.csv" 'answered(C)')"
        [ "$answered" -ge "$n" ] && break
        kill -0 "$uac_pid" 2>/dev/null || break
        sleep 1
    done
    answered="$(stat_col "$dir/stat.csv" 'answered(C)')"
    log "memory: $answered of $n calls answered; letting the PBX settle ${MEM_SETTLE_S} s, then measuring (full GC) ..."
    sleep "$MEM_SETTLE_S"
    # calls up = answered and not yet hung up, read just before and just after the measurement
    local up0 up1 up
    up0=$(( $(stat_col "$dir/stat.csv" 'answered(C)') - $(stat_col "$dir/stat.csv" 'hung_up(C)') ))
    loaded="$(live_bytes "$pid" "$dir/histo-loaded.txt")"; loaded_used="$(heap_used "$pid")"
    sleep 1
    up1=$(( $(stat_col "$dir/stat.csv" 'answered(C)') - $(stat_col "$dir/stat.csv" 'hung_up(C)') ))
    up=$(( up0 < up1 ? up0 : up1 ))
    answered="$up"
    pbx_console "$dir/pbx-call-list.txt" "pbx:call-list"
    local live; live="$(grep -o '^[0-9]* live call' "$dir/pbx-call-list.txt" | grep -o '^[0-9]*' || true)"
    [ "${live:-0}" -ge "$up" ] || log "memory: WARNING: the PBX lists ${live:-0} live calls, SIPp counts $up up: the figure is not per call (see $dir/pbx-call-list.txt)"
    log "memory: waiting for the calls to end (BYE after the hold) ..."
    wait "$uac_pid" 2>/dev/null || true
    stop_uas "$n"
    if [ -n "$inactivity" ]; then
        pbx_console "$dir/inactivity-back.txt" "config:property-set -p org.plugboard.media inactivity.timeout $inactivity"
    else
        pbx_console "$dir/inactivity-back.txt" "config:property-delete -p org.plugboard.media inactivity.timeout"
    fi
    log "memory: calls ended; heap again in ${MEM_AFTER_S} s (terminated UDP transactions are kept 32 s) ..."
    sleep "$MEM_AFTER_S"
    after="$(live_bytes "$pid" "$dir/histo-after.txt")"
    {
        echo "# Heap per established call, $RUN_ID"
        echo
        echo "- PBX at $PBX (pid $pid, max heap $(timeout 20 jcmd "$pid" VM.flags 2>/dev/null | grep -o -- '-XX:MaxHeapSize=[0-9]*' | head -1 | awk -F= '{printf "%d MB", $2 / 1048576}')); $n calls $CALLER -> $CALLEE set up at $rate/s and held $((hold_ms / 1000)) s, measured ${MEM_SETTLE_S} s after the last was answered; machine $(nproc) cores"
        echo "- Live heap = \`jcmd GC.class_histogram\` total (it runs a full GC first); G1 \"used\" from \`GC.heap_info\` after it"
        echo
        echo "| | live heap bytes | G1 used bytes | calls up |"
        echo "|---|---:|---:|---:|"
        echo "| idle, before | $idle | ${idle_used:-?} | 0 |"
        echo "| $up calls up (answered, not hung up; $up0 before the measurement, $up1 after) | $loaded | ${loaded_used:-?} | $up |"
        echo "| ${MEM_AFTER_S} s after all calls ended | $after | - | 0 |"
        echo
        if [ "$answered" -gt 0 ] && [ -n "$loaded" ]; then
            echo "**Heap per established call: $(( (loaded - idle) / answered )) bytes** ((loaded - idle) / calls up)."
            echo
            echo "Left after the calls ended: $(( after - idle )) bytes ($(( (after - idle) / answered )) per call; should be near 0)."
            echo
            echo "Classes that grew most with the calls up (instances, bytes):"
            echo
            echo "| class | instances | bytes |"
            echo "|---|---:|---:|"
            # per class name (OSGi can load one name several times), loaded minus idle, the biggest growth first
            awk 'FNR == 1 {f++} $1 ~ /^[0-9]+:$/ {s = (f == 1) ? -1 : 1; n[$4] += s * $2; b[$4] += s * $3}
                 END {for (k in b) if (b[k] > 0) printf "%d %d %s\n", b[k], n[k], k}' \
                "$dir/histo-idle.txt" "$dir/histo-loaded.txt" | sort -k1,1nr | head -15 |
                awk '{printf "| `%s` | %d | %d |\n", $3, $2, $1} END {if (NR == 0) print "| (none grew) | | |"}'
        else
            echo "No call was answered: nothing to divide. See $dir (errors.log, uas-errors.log)."
        fi
    } >"$OUT/call-memory.md"
    cp "$OUT/call-memory.md" "$dir/"
    cat "$OUT/call-memory.md"
}

# ---- run ------------------------------------------------------------------------------------------
START_TS="$(date +%s)"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"

if [ "$MEMORY" -eq 1 ]; then
    command -v jcmd >/dev/null || die "jcmd not found (JDK 17)"
    sip_reachable "$PBX_SIPP" || die "nothing answers SIP on $PBX"
    PID="$(pbx_pid)"; [ -n "$PID" ] || die "no PBX pid found (use --pbx-pid)"
    register_callee "$PBX_SIPP" 3600 "$RUN_DIR/register-pbx" || die "registering $CALLEE at the PBX failed, see $RUN_DIR/register-pbx"
    CALLEE_REGISTERED_AT="$PBX_SIPP"
    verify_one pbx "$PBX_SIPP" || die "a single call does not work yet: no memory run"
    memory_run "$PBX_SIPP" "$PID"
    exit 0
fi

log "run $RUN_ID: rates [$RATES] calls/s x ${STEP_S}s, hold ${HOLD_MS} ms, results in $RUN_DIR"
KAM_STATE="not run"; PBX_STATE="not run"; KAM_SUS=0; PBX_SUS=0
if [ "$KAM_RUN" -eq 1 ]; then
    start_kamailio
    register_callee "127.0.0.1:$KAM_PORT" 3600 "$RUN_DIR/register-kamailio" || die "registering $CALLEE at Kamailio failed"
    verify_one kamailio "127.0.0.1:$KAM_PORT" || die "a call through Kamailio does not work"
    ramp kamailio "127.0.0.1:$KAM_PORT" $KAM_PIDS
    KAM_SUS="$(best_rate kamailio)"
    KAM_STATE="ran"
    stop_kamailio
fi

if [ "$PBX_RUN" -eq 1 ]; then
    if sip_reachable "$PBX_SIPP"; then
        PID="$(pbx_pid)"
        [ -n "$PID" ] || log "WARNING: no PBX pid found (use --pbx-pid): server CPU will read 0"
        # every thread of the running PBX, including those it starts later (taskset -a pins the existing ones; new
        # threads inherit the affinity of the thread that creates them)
        if [ -n "$PID" ] && [ -n "$SRV_CPUS" ]; then taskset -a -p -c "$SRV_CPUS" "$PID" >/dev/null || die "taskset -a -p -c $SRV_CPUS $PID failed"; fi
        pbx_console "$RUN_DIR/pbx-stats-before.txt" pbx:sip-stats
        if register_callee "$PBX_SIPP" 3600 "$RUN_DIR/register-pbx"; then
            CALLEE_REGISTERED_AT="$PBX_SIPP"
            if verify_one pbx "$PBX_SIPP"; then
                sleep "$PAUSE_S"
                if [ "$WARMUP_S" -gt 0 ]; then
                    log "pbx: warm-up, $WARMUP_RATE calls/s for ${WARMUP_S}s (not scored) ..."
                    saved="$STEP_S"; STEP_S="$WARMUP_S"
                    step pbx "$PBX_SIPP" "$WARMUP_RATE" warmup ${PID:-} >>"$CSV"
                    STEP_S="$saved"
                    sleep "$PAUSE_S"
                fi
                ramp pbx "$PBX_SIPP" ${PID:-}
                PBX_SUS="$(best_rate pbx)"
                PBX_STATE="ran (pid ${PID:-unknown})"
                pbx_console "$RUN_DIR/pbx-stats-after.txt" pbx:sip-stats
                [ -n "${PID:-}" ] && { timeout 20 jcmd "$PID" GC.heap_info >"$RUN_DIR/pbx-heap-after.txt" 2>&1 || true; }
            else
                PBX_STATE="answers on $PBX but the test call failed: no ramp (see $RUN_DIR/pbx-verify)"
            fi
        else
            PBX_STATE="answers on $PBX but registering $CALLEE failed: no ramp (see $RUN_DIR/register-pbx)"
            log "pbx: $PBX_STATE"
        fi
    else
        PBX_STATE="nothing answers SIP on $PBX: no ramp"
        log "pbx: $PBX_STATE"
    fi
fi
ELAPSED=$(( $(date +%s) - START_TS ))

# ---- report ---------------------------------------------------------------------------------------
RESULT_MD="$OUT/call-results.md"
{
    echo "# Call rate ramp, $RUN_ID"
    echo
    if [ -n "$CPUS" ]; then echo "- CPUs: SIPp on $GEN_CPUS, the server under test on $SRV_CPUS (CPUS=$CPUS, taskset)"; else echo "- CPUs: not pinned, SIPp and the server share every core"; fi
    echo "- Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), kernel $(uname -r); load average before: $LOAD_BEFORE"
    echo "- Load: $("$SIPP" -v 2>/dev/null | grep -o 'SIPp v[^ ]*' | head -1), call-uac.xml ($CALLER -> $DIALLED: INVITE, 407, ACK, INVITE + MD5 digest, 180, 200, ACK, ${HOLD_MS} ms, BYE, 200; new Call-ID each) from 127.0.0.1:$UAC_PORT to call-uas.xml on 127.0.0.1:$UAS_PORT (registered as $CALLEE), -t u1"
    echo "- Steps: ${STEP_S}s of calls each, $PAUSE_S s apart; a transaction unanswered for $((RECV_TIMEOUT_MS / 1000)) s fails the call (SIPp retransmits UDP meanwhile)"
    [ "$KAM_RUN" -eq 1 ] && echo "- Reference: $(kamailio -v | head -1 | sed 's/^version: //'), kamailio-proxy.cfg: tm stateful proxy, record_route, registrar/usrloc in memory, pv_auth_check (MD5, qop=auth, password derived from the user) on every initial INVITE, $KAM_CHILDREN UDP workers, 127.0.0.1:$KAM_PORT"
    [ "$PBX_RUN" -eq 1 ] && echo "- PBX at $PBX: $PBX_STATE; $( [ "$WARMUP_S" -gt 0 ] && echo "unscored warm-up of ${WARMUP_S}s at $WARMUP_RATE calls/s before its ramp (JIT)" || echo "no warm-up")"
    echo "- Run time ${ELAPSED}s; CSV bench/out/call-results.csv, raw SIPp files in bench/out/runs/calls-$RUN_ID/"
    echo
    echo "CPU columns are percent of one core ($(nproc) cores: 100 x cores is everything); SIPp = caller + callee. \"other\" is the rest of the machine: if it is high, the step is noisy."
    echo "Sustained = no failed call on either side, every call answered and ended, achieved >= 95% of the step rate."
    if [ "$KAM_RUN" -eq 1 ]; then
        echo; echo "## Kamailio"; echo; md_table kamailio; echo
        echo "Highest rate sustained at 0 failures: $(fmt_sus "$KAM_SUS" kamailio)"
    fi
    if grep -q '^pbx,' "$CSV"; then
        echo; echo "## Plugboard"; echo; md_table pbx; echo
        echo "Highest rate sustained at 0 failures: $(fmt_sus "$PBX_SUS" pbx)"
        if [ "$KAM_SUS" -gt 0 ]; then
            echo
            echo "**Plugboard / Kamailio: $(awk -v a="$PBX_SUS" -v b="$KAM_SUS" 'BEGIN{printf "%.2f", a/b}')x** ($PBX_SUS / $KAM_SUS calls/s)."
        fi
    fi
} >"$RESULT_MD"
cp "$CSV" "$OUT/call-results.csv"
cp "$RESULT_MD" "$RUN_DIR/"
cat "$RESULT_MD"
