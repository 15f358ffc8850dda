#!/usr/bin/env bash
# REGISTER rate ramp: digest registrations (SIPp, loopback UDP) against Kamailio (started here, as the
# reference) and then against Plugboard, with the same users, scenario and steps. Writes a markdown
# report to bench/out/register-results.md and prints it. See bench/README.md.
#
# Usage: bench/register-ramp.sh [--pbx HOST:PORT] [--pbx-pid PID] [--karaf-home DIR] [--kamailio-only]
#                               [--rates "1000 2000 3000 4000 6000 8000 10000 12000 14000 16000"]
#                               [--seconds 10]
#                               [--users 1000] [--transport u1|un] [--no-overload] [--kamailio-2x]
#                               [--no-import] [--pbx-warmup SECONDS] [--thread-dumps N]
set -euo pipefail
export PLUGBOARD_DEMO=1 # the PBX copies run in demo mode: the benches log in to the console as karaf/karaf

BENCH="$(cd "$(dirname "$0")" && pwd)"
REPO="$(dirname "$BENCH")"
OUT="$BENCH/out"
SCENARIO="$BENCH/scenarios/register-digest.xml"
KAM_CFG="$BENCH/kamailio/kamailio-registrar.cfg"
KARAF_HOME="$REPO/karaf-assembly/target/assembly"   # the PBX's Karaf: bin/client, data/log, and how its pid is found

# ---- options (environment variables give the less common knobs) -------------------------------
PBX="127.0.0.1:5060"
PBX_PID=""
# CPUS="0:1": SIPp on CPU 0, the server under test (Kamailio, the PBX) on CPU 1 (taskset lists), so each
# figure is the server's alone and CPU per operation is not blurred by the load generator
CPUS="${CPUS:-}"
GEN_CPUS="${CPUS%%:*}"; SRV_CPUS="${CPUS#*:}"
pin() { if [ -n "$1" ]; then echo taskset -c "$1"; fi; }
KAM_ONLY=0
# Up to 16000: Kamailio sustains about 14000 REG/s on this 2-core machine (SIPp on the same cores), and
# the ratio needs its real limit, not the top of the ramp.
RATES="1000 2000 3000 4000 6000 8000 10000 12000 14000 16000"
STEP_S=10                                  # not SECONDS: that one is bash's own clock
USERS=1000
TRANSPORT="u1"
OVERLOAD=1        # 2x step for the PBX
KAM_OVERLOAD=0    # 2x step for Kamailio too (at ~20000 REG/s SIPp and the 2 cores are the limit, not Kamailio)
IMPORT=1
# The PBX is a JVM: its first ~50000 requests run partly interpreted while C1/C2 compile (measured: the JIT took
# 0.7 of a core in a cold 1000 REG/s step). One unscored step at WARMUP_RATE first, so the ramp measures the
# compiled code. Kamailio (C) needs none.
WARMUP_S=30
WARMUP_RATE="${WARMUP_RATE:-1000}"
THREAD_DUMPS=0    # jcmd Thread.print this many times during each PBX step (costs the PBX a few safepoints)
KAM_PORT="${KAM_PORT:-5070}"
KAM_CHILDREN="${KAM_CHILDREN:-2}"
SIPP="${SIPP:-sipp}"
SIPP_PORT="${SIPP_PORT:-25060}"            # SIPp's own socket; away from 5060 (the PBX) and 15060 (the itests' PBX)
RECV_TIMEOUT_MS="${RECV_TIMEOUT_MS:-6000}" # a transaction unanswered this long counts as failed
PAUSE_S="${PAUSE_S:-3}"                    # quiet time between steps, lets queues drain

usage() { sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
while [ $# -gt 0 ]; do
    case "$1" in
        --pbx) PBX="$2"; shift 2 ;;
        --pbx-pid) PBX_PID="$2"; shift 2 ;;
        --kamailio-only) KAM_ONLY=1; shift ;;
        --rates) RATES="$2"; shift 2 ;;
        --seconds) STEP_S="$2"; shift 2 ;;
        --users) USERS="$2"; shift 2 ;;
        --transport) TRANSPORT="$2"; shift 2 ;;
        --no-overload) OVERLOAD=0; shift ;;
        --kamailio-2x) KAM_OVERLOAD=1; shift ;;
        --no-import) IMPORT=0; shift ;;
        --karaf-home) KARAF_HOME="$2"; shift 2 ;;
        --thread-dumps) THREAD_DUMPS="$2"; shift 2 ;;
        --pbx-warmup) WARMUP_S="$2"; shift 2 ;;
        -h|--help) usage ;;
        *) echo "unknown option: $1" >&2; usage ;;
    esac
done

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

case "$STEP_S" in ''|*[!0-9]*) die "--seconds wants a whole number" ;; esac
[ "$STEP_S" -ge 1 ] && [ "$STEP_S" -le 120 ] || die "--seconds must be 1..120"
for r in $RATES; do
    case "$r" in ''|*[!0-9]*) die "--rates wants whole numbers, got '$r'" ;; esac
    [ "$r" -ge 1 ] && [ "$r" -le 20000 ] || die "rate $r outside 1..20000"
done
case "$TRANSPORT" in u1|un) ;; *) die "--transport is u1 or un" ;; esac
case "$WARMUP_S" in ''|*[!0-9]*) die "--pbx-warmup wants whole seconds" ;; esac
[ "$WARMUP_S" -le 120 ] || die "--pbx-warmup: at most 120 s"
case "$WARMUP_RATE" in ''|*[!0-9]*) die "WARMUP_RATE wants a whole number" ;; esac
[ "$WARMUP_RATE" -ge 1 ] && [ "$WARMUP_RATE" -le 20000 ] || die "WARMUP_RATE outside 1..20000"
case "$THREAD_DUMPS" in ''|*[!0-9]*) die "--thread-dumps wants a whole number" ;; esac
[ "$THREAD_DUMPS" -le 10 ] || die "--thread-dumps: at most 10 per step"
# absolute, without a trailing slash: it is matched against the JVM's command line (-Dkaraf.home=...)
[ -d "$KARAF_HOME" ] && KARAF_HOME="$(cd "$KARAF_HOME" && pwd -P)"
KARAF_CLIENT="$KARAF_HOME/bin/client"

# HOST:PORT or [v6]:PORT. Only loopback is allowed: this tool floods whatever it is pointed at.
PBX_HOST="${PBX%:*}"; PBX_PORT="${PBX##*:}"
PBX_HOST="${PBX_HOST#[}"; PBX_HOST="${PBX_HOST%]}"
case "$PBX_HOST" in
    127.0.0.1|localhost) PBX_SIPP="127.0.0.1:$PBX_PORT" ;;
    ::1) PBX_SIPP="[::1]:$PBX_PORT" ;;
    *) die "--pbx must be on loopback (127.0.0.1 or [::1]), got '$PBX'" ;;
esac
case "$PBX_PORT" in ''|*[!0-9]*) die "bad port in --pbx '$PBX'" ;; esac

for tool in "$SIPP" kamailio sipsak awk ss; do
    command -v "$tool" >/dev/null || die "$tool not found (apt-get install sip-tester kamailio sipsak iproute2)"
done

RUN_ID="$(date +%Y%m%d-%H%M%S)"
RUN_DIR="$OUT/runs/$RUN_ID"
mkdir -p "$RUN_DIR"
RESULT_MD="$OUT/register-results.md"
CLK_TCK="$(getconf CLK_TCK)"
# SIPp checks its socket budget against the fd limit: raise the soft limit as far as allowed
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
MAX_SOCKET=$(( $(ulimit -n) - 200 ))   # -t un opens one socket per open call
# SIPp reads every answer on one socket: a large receive buffer keeps the client from dropping them.
# The kernel caps it at net.core.rmem_max.
SIPP_BUF="$(cat /proc/sys/net/core/rmem_max 2>/dev/null || echo 212992)"
[ "$SIPP_BUF" -gt 8388608 ] && SIPP_BUF=8388608
if ss -H -lun "sport = :$SIPP_PORT" | grep -q .; then die "UDP port $SIPP_PORT (SIPp's) is taken; set SIPP_PORT=..."; fi

# ---- users -------------------------------------------------------------------------------------
BENCH_OUT="$OUT" "$BENCH/users.sh" "$USERS"
SIPP_USERS="$OUT/sipp-users.csv"

# ---- CPU accounting ------------------------------------------------------------------------------
# utime+stime (clock ticks) summed over the given pids; for a Java pid this covers all its threads.
# The process name can contain spaces, so fields are counted after the last ')'.
proc_ticks() {
    local sum=0 pid f
    for pid in "$@"; do
        f="$(cat "/proc/$pid/stat" 2>/dev/null)" || continue
        f="${f##*) }"
        # after "pid (comm) ": field 3 (state) is word 1, so utime (14) is word 12 and stime (15) word 13
        set -- $f
        sum=$((sum + ${12} + ${13}))
    done
    echo "$sum"
}
# busy and total ticks of the whole machine, from the first line of /proc/stat
sys_ticks() {
    awk '/^cpu /{idle=$5+$6; t=0; for(i=2;i<=NF;i++) t+=$i; print t-idle, t; exit}' /proc/stat
}

# UDP datagrams the kernel dropped because a socket's receive buffer was full (whole machine)
udp_drops() {
    awk '/^Udp:/ {n++; if (n == 1) for (i = 2; i <= NF; i++) h[$i] = i; else {print $h["RcvbufErrors"]; exit}}' /proc/net/snmp
}

# ---- one SIPp run ------------------------------------------------------------------------------
# run_sipp DIR REMOTE RATE CALLS [extra sipp args...]: runs the scenario from DIR (SIPp writes its
# trace files into the working directory) and returns SIPp's exit code. Bounded three ways: -m (call
# count), -recv_timeout (per transaction) and -timeout (whole run), and `timeout` on top in case SIPp hangs.
run_sipp() {
    local dir="$1" remote="$2" rate="$3" calls="$4"; shift 4
    local run_s=$((calls / rate + 2 * RECV_TIMEOUT_MS / 1000 + 5))
    local local_ip=127.0.0.1
    case "$remote" in \[*) local_ip=::1 ;; esac
    mkdir -p "$dir"
    cp "$SCENARIO" "$dir/"
    local rc=0
    (
        cd "$dir"
        TIMEFORMAT='%U %S'
        # `time` reports SIPp's own CPU (user, system seconds) into sipp.cpu
        { time timeout -k 5 $((run_s + 10)) $(pin "$GEN_CPUS") "$SIPP" "$remote" \
            -sf register-digest.xml -inf "$SIPP_USERS" -au '[field0]' -ap '[field1]' \
            -i "$local_ip" -p "$SIPP_PORT" -t "$TRANSPORT" -max_socket "$MAX_SOCKET" -buff_size "$SIPP_BUF" \
            -r "$rate" -rp 1000 -m "$calls" -l $((rate * 2 * RECV_TIMEOUT_MS / 1000 + 100)) \
            -recv_timeout "$RECV_TIMEOUT_MS" -timeout "${run_s}s" -timeout_error \
            -default_behaviors all,-bye -nostdin \
            -trace_stat -stf stat.csv -fd 1 -trace_counts -trace_rtt -rtt_freq 1000 \
            -trace_err -error_file errors.log -max_log_size 2000000 -trace_error_codes \
            -trace_screen -screen_file screen.txt \
            "$@" >sipp.stdout 2>sipp.stderr; } 2>sipp.cpu
    ) || rc=$?
    return "$rc"
}

# last value of a named column in SIPp's ;-separated statistics file
stat_col() {
    awk -F';' -v col="$2" 'NR==1{for(i=1;i<=NF;i++) if($i==col) c=i; next} c{v=$c} END{print (v==""?0:v)}' "$1"
}
# SIPp time stamps look like "2026-11-23<TAB>12:28:04.557921<TAB>1795436884.557921": take the epoch
stat_epoch() {
    stat_col "$1" "$2" | awk -F'\t' '{print $NF}'
}

# ---- one ramp step -------------------------------------------------------------------------------
# step NAME REMOTE RATE LABEL PID...: runs RATE*STEP_S registrations and prints one tab-separated row:
# label rate attempted ok failed achieved server_cpu sipp_cpu other_cpu r503_ra r503_none timeouts
# unexpected p50 p99 sustained udp_drops
step() {
    local name="$1" remote="$2" rate="$3" label="$4"; shift 4
    local dir="$RUN_DIR/$name-$label-$rate" calls=$((rate * STEP_S))
    local srv0 srv1 sys0 sys1 t0 t1 drop0 drop1 rc=0 dumper=""
    mkdir -p "$dir"
    srv0="$(proc_ticks "$@")"; sys0="$(sys_ticks)"; drop0="$(udp_drops)"; t0="$(date +%s.%N)"
    if [ "$name" = pbx ] && [ "$THREAD_DUMPS" -gt 0 ] && [ $# -gt 0 ]; then
        # thread dumps spread evenly over the offered window, into the step's directory
        ( for i in $(seq 1 "$THREAD_DUMPS"); do
              sleep "$(awk -v s="$STEP_S" -v n="$THREAD_DUMPS" 'BEGIN{print s / (n + 1)}')"
              timeout 20 jcmd "$1" Thread.print >"$dir/threads-$i.txt" 2>&1 || true
          done ) </dev/null >/dev/null 2>&1 &
        dumper=$!
    fi
    run_sipp "$dir" "$remote" "$rate" "$calls" || rc=$?
    srv1="$(proc_ticks "$@")"; sys1="$(sys_ticks)"; drop1="$(udp_drops)"; t1="$(date +%s.%N)"
    [ -n "$dumper" ] && wait "$dumper" 2>/dev/null || true
    # the JVM's heap after the step (cheap; no GC forced)
    if [ "$name" = pbx ] && [ $# -gt 0 ]; then timeout 20 jcmd "$1" GC.heap_info >"$dir/heap.txt" 2>&1 || true; fi
    [ -s "$dir/stat.csv" ] || { log "SIPp left no statistics (exit $rc), see $dir/sipp.stderr"; tail -5 "$dir/sipp.stderr" >&2 || true; }

    local st="$dir/stat.csv"
    local attempted ok failed start end r503ra r503none timeouts unexp
    attempted="$(stat_col "$st" 'OutgoingCall(C)')"
    ok="$(stat_col "$st" 'SuccessfulCall(C)')"
    failed="$(stat_col "$st" 'FailedCall(C)')"
    start="$(stat_epoch "$st" StartTime)"; end="$(stat_epoch "$st" CurrentTime)"
    r503ra="$(stat_col "$st" 'c503_retry_after(C)')"
    r503none="$(stat_col "$st" 'c503_no_retry(C)')"
    timeouts=$(( $(stat_col "$st" 'FailedMaxUDPRetrans(C)') + $(stat_col "$st" 'FailedTimeoutOnRecv(C)') ))
    unexp="$(stat_col "$st" 'FailedUnexpectedMessage(C)')"
    # SIPp counts a call that ended on a 503 as successful (see the scenario): move those to failed
    ok=$((ok - r503ra - r503none)); failed=$((failed + r503ra + r503none))
    # calls SIPp never got to finish before its global timeout are neither ok nor failed: count them failed
    local unfinished=$((calls - ok - failed))
    [ "$unfinished" -gt 0 ] && failed=$((failed + unfinished))

    # From the -trace_rtt file (one line per 200: time of the 200 in ms since SIPp started, and the
    # response time first REGISTER -> 200 in ms): p50, p99, and when the last registration completed.
    local pct="- - 0"
    if ls "$dir"/register-digest_*_rtt.csv >/dev/null 2>&1; then
        pct="$(awk -F';' 'NR>1 && $3==1 {print $2, $1}' "$dir"/register-digest_*_rtt.csv | sort -n |
            awk '{v[NR]=$1; if ($2 > last) last = $2}
                 END{ if(NR==0){print "- - 0"; exit}
                 i50=int(NR*0.50); if(i50<1)i50=1; i99=int(NR*0.99); if(i99<1)i99=1; print v[i50], v[i99], last}')"
    fi

    awk -v label="$label" -v rate="$rate" -v att="$attempted" -v ok="$ok" -v failed="$failed" \
        -v start="$start" -v end="$end" -v t0="$t0" -v t1="$t1" -v tck="$CLK_TCK" \
        -v srv="$((srv1 - srv0))" -v sysb="$(echo "$sys0 $sys1" | awk '{print $3-$1}')" \
        -v cpu="$(cat "$dir/sipp.cpu" 2>/dev/null || echo '0 0')" \
        -v ra="$r503ra" -v nora="$r503none" -v to="$timeouts" -v unexp="$unexp" -v pct="$pct" \
        -v calls="$calls" -v drops="$((drop1 - drop0))" 'BEGIN{
            split(pct, p, " ")
            # achieved = registrations per second over the offered window (calls/rate seconds), or up to
            # the last 200 if that came later. Not over the whole SIPp run: that includes waiting out the
            # timeouts of failed calls and would understate goodput.
            el = p[3] / 1000
            if (el <= 0) { el = end - start; if (el <= 0) el = t1 - t0 }
            if (el < calls / rate) el = calls / rate
            wall = t1 - t0                                      # CPU window
            achieved = ok / el
            split(cpu, c, " "); sippcpu = 100 * (c[1] + c[2]) / wall
            srvcpu = 100 * srv / tck / wall
            other = 100 * sysb / tck / wall - srvcpu - sippcpu; if (other < 0) other = 0
            # sustained: every call registered, none failed, and at >= 95% of the asked rate
            sus = (failed == 0 && ok == calls && achieved >= 0.95 * rate) ? "yes" : "no"
            printf "%s\t%d\t%d\t%d\t%d\t%.0f\t%.0f\t%.0f\t%.0f\t%d\t%d\t%d\t%d\t%s\t%s\t%s\t%d\n",
                label, rate, att, ok, failed, achieved, srvcpu, sippcpu, other, ra, nora, to, unexp, p[1], p[2], sus, drops
        }'
}

# one registration, to prove users and auth work before a ramp; prints why not on failure
verify_one() {
    local name="$1" remote="$2" dir="$RUN_DIR/$1-verify" rc=0
    run_sipp "$dir" "$remote" 1 1 || rc=$?
    # a call that ended on a 503 is "successful" for SIPp (see the scenario): the 200 counter is what counts
    if [ "$(stat_col "$dir/stat.csv" 'SuccessfulCall(C)' 2>/dev/null || echo 0)" = "1" ] &&
        [ "$(stat_col "$dir/stat.csv" 'c503_retry_after(C)' 2>/dev/null || echo 1)" = "0" ] &&
        [ "$(stat_col "$dir/stat.csv" 'c503_no_retry(C)' 2>/dev/null || echo 1)" = "0" ]; then
        log "$name: one digest registration OK"
        return 0
    fi
    log "$name: test registration FAILED (SIPp exit $rc), logs in $dir"
    if grep -qs "must use MD5" "$dir"/*; then
        log "$name: the first WWW-Authenticate is not MD5. SIPp 3.6 hashes only MD5 and reads only the first"
        log "  challenge. Offer MD5 first (e.g. org.plugboard.registrar algorithms=MD5) or use a SIPp with SHA-256 (SIPP=...)."
    fi
    tail -n 15 "$dir/errors.log" "$dir/sipp.stderr" 2>/dev/null >&2 || true
    return 1
}

# sip:ping OPTIONS with a hard time limit; any SIP answer (even 404/405) means something listens there
sip_reachable() {
    local rc=0
    timeout 8 sipsak -s "sip:ping@$1" -l "$((SIPP_PORT + 1))" >/dev/null 2>&1 || rc=$?
    [ "$rc" -eq 0 ] || [ "$rc" -eq 1 ]
}

# ---- table / summary helpers --------------------------------------------------------------------
TSV_KAM="$RUN_DIR/kamailio.tsv"; TSV_PBX="$RUN_DIR/pbx.tsv"
: >"$TSV_KAM"; : >"$TSV_PBX"

# highest step rate marked sustained in a tsv (0 if none)
best_rate() {
    awk -F'\t' '$1=="ramp" && $16=="yes" && $2>b {b=$2} END{print b+0}' "$1"
}
# "yes" if the top ramp step was sustained, i.e. the real limit lies above the ramp
capped() {
    awk -F'\t' '$1=="ramp"{last=$16; if($2>m)m=$2} END{print (last=="yes")?"yes":"no"}' "$1"
}

md_table() {
    echo "| step | rate/s | attempted | ok | failed | achieved/s | server CPU % | SIPp CPU % | other CPU % | 503+Retry-After | 503 bare | timeouts | unexpected | p50 ms | p99 ms | UDP drops | sustained |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
    awk -F'\t' '{printf "| %s |", $1; for(i=2;i<=15;i++) printf " %s |", $i; printf " %s | %s |\n", $17, $16}' "$1"
}

# ramp TSV NAME REMOTE PID...: all steps; stops after two steps in a row that were not sustained
ramp() {
    local tsv="$1" name="$2" remote="$3"; shift 3
    local misses=0 rate row
    for rate in $RATES; do
        log "$name: $rate REG/s for ${STEP_S}s ..."
        row="$(step "$name" "$remote" "$rate" ramp "$@")"
        echo "$row" >>"$tsv"
        log "$name: $(echo "$row" | awk -F'\t' '{printf "ok %s/%s failed %s achieved %s/s server CPU %s%% sustained %s", $4, $3, $5, $6, $7, $16}')"
        if [ "$(echo "$row" | cut -f16)" = yes ]; then misses=0; else misses=$((misses + 1)); fi
        if [ "$misses" -ge 2 ]; then log "$name: two steps in a row not sustained, ramp stopped"; break; fi
        sleep "$PAUSE_S"
    done
}

# overload TSV NAME REMOTE SUSTAINED PID...: one step at twice the sustained rate, then a recovery check
overload() {
    local tsv="$1" name="$2" remote="$3" sus="$4"; shift 4
    [ "$sus" -gt 0 ] || { log "$name: nothing sustained, no 2x step"; return 0; }
    log "$name: overload step at 2 x $sus = $((2 * sus)) REG/s ..."
    step "$name" "$remote" "$((2 * sus))" 2x "$@" >>"$tsv"
    sleep "$((PAUSE_S + 2))"
    if verify_one "$name-after-2x" "$remote"; then echo yes >"$RUN_DIR/$name.recovered"; else echo no >"$RUN_DIR/$name.recovered"; fi
}

# verdict for the 2x row of a tsv, given the sustained rate
verdict() {
    awk -F'\t' -v sus="$2" '$1=="2x"{
        good = $6 / sus
        shed = ($10 + $11)
        if (good >= 0.9 && $5 > 0 && $10 == $5) v = "graceful: goodput held, every rejected call got 503 + Retry-After"
        else if (good >= 0.9 && $5 == 0) v = "absorbed: no failure at 2x (the ramp did not find the limit)"
        else if (good >= 0.9) v = "goodput held, but failures were not (all) 503 + Retry-After"
        else if (good >= 0.5) v = "degraded: goodput fell to " int(good*100) "% of the sustained rate"
        else v = "COLLAPSE: goodput fell to " int(good*100) "% of the sustained rate"
        printf "%s (goodput %d/s = %.2fx sustained; 503 with Retry-After %d, without %d, timeouts %d, other %d)\n", v, $6, good, $10, $11, $12, $13
    }' "$1"
}

# ---- Kamailio -------------------------------------------------------------------------------------
KAM_PID=""
KAM_DIR="$RUN_DIR/kamailio"
stop_kamailio() {
    if [ -n "$KAM_PID" ] && kill -0 "$KAM_PID" 2>/dev/null; then
        kill "$KAM_PID" 2>/dev/null || true
        # main process stops its children; give it a few seconds, then insist
        for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$KAM_PID" 2>/dev/null || break; sleep 0.5; done
        kill -9 "$KAM_PID" 2>/dev/null || true
        wait "$KAM_PID" 2>/dev/null || true
    fi
    KAM_PID=""
}
trap stop_kamailio EXIT
trap 'exit 130' INT TERM

start_kamailio() {
    mkdir -p "$KAM_DIR"
    if ss -H -lun "sport = :$KAM_PORT" | grep -q .; then die "UDP port $KAM_PORT is taken; choose another with KAM_PORT=..."; fi
    log "starting Kamailio on 127.0.0.1:$KAM_PORT ($KAM_CHILDREN UDP workers)"
    # -DD: stay in the foreground (so $! is the main process); -E: log to stderr; -Y: private runtime dir
    $(pin "$SRV_CPUS") kamailio -DD -E -f "$KAM_CFG" -Y "$KAM_DIR" -P "$KAM_DIR/kamailio.pid" -m 256 -M 16 \
        -A "BENCH_PORT=$KAM_PORT" -A "BENCH_CHILDREN=$KAM_CHILDREN" \
        -A "BENCH_DB_URL=\"text://$OUT/kamailio-db\"" >"$KAM_DIR/kamailio.log" 2>&1 &
    KAM_PID=$!
    for _ in $(seq 1 20); do
        sip_reachable "127.0.0.1:$KAM_PORT" && break
        kill -0 "$KAM_PID" 2>/dev/null || { cat "$KAM_DIR/kamailio.log" >&2; die "Kamailio exited"; }
        sleep 0.5
    done
    sip_reachable "127.0.0.1:$KAM_PORT" || die "Kamailio does not answer OPTIONS, see $KAM_DIR/kamailio.log"
    # every Kamailio process: main plus the forked workers, timers and so on
    KAM_PIDS="$KAM_PID $(pgrep -P "$KAM_PID" | tr '\n' ' ')"
}

# ---- PBX ------------------------------------------------------------------------------------------
PBX_STATE="not run"
pbx_pid() {
    [ -n "$PBX_PID" ] && { echo "$PBX_PID"; return; }
    # Karaf's JVM started from --karaf-home (its command line has -Dkaraf.home=<dir> and the main class;
    # bin/client's JVM has neither), else the process that owns the PBX's UDP port
    local p
    p="$(pgrep -f "karaf.home=$KARAF_HOME .*org.apache.karaf.main.Main" | head -1)"
    [ -n "$p" ] || p="$(ss -H -lunp "sport = :$PBX_PORT" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)"
    echo "$p"
}

# pbx_console FILE COMMAND: runs one Karaf console command through bin/client, output into FILE
pbx_console() {
    [ -x "$KARAF_CLIENT" ] || { echo "no Karaf client at $KARAF_CLIENT" >"$1"; return 0; }
    echo "$2" | timeout 60 "$KARAF_CLIENT" -u karaf -p karaf -b 2>&1 | grep -v 'JAVA_HOME not set' >"$1" || true
}
# sip-stats counters as "name value" lines (from pbx:sip-stats' table)
pbx_counters() {
    awk -F'|' 'NF == 2 && $2 ~ /^ *[0-9]+ *$/ {gsub(/ /, "", $1); gsub(/ /, "", $2); print $1, $2}' "$1"
}

import_users() {
    if [ ! -x "$KARAF_CLIENT" ]; then log "no Karaf client at $KARAF_CLIENT: users not imported"; return 0; fi
    log "importing $USERS users into the PBX (pbx:ext-import)"
    local rc=0
    echo "pbx:ext-import $OUT/users.csv" |
        timeout 90 "$KARAF_CLIENT" -u karaf -p karaf -b >"$RUN_DIR/pbx-import.log" 2>&1 || rc=$?
    # the Karaf client can exit 0 although the command failed: look at what it printed, too
    if [ "$rc" -eq 0 ] && ! grep -qiE 'command not found|error executing|exception' "$RUN_DIR/pbx-import.log"; then
        log "import: $(tail -n 3 "$RUN_DIR/pbx-import.log" | tr '\n' ' ')"
    else
        log "WARNING: import failed (client exit $rc: $(grep -v JAVA_HOME "$RUN_DIR/pbx-import.log" | tail -n 2 | tr '\n' ' '))"
        log "  going on with the users the PBX already has; log in $RUN_DIR/pbx-import.log"
    fi
}

# ---- run ------------------------------------------------------------------------------------------
START_TS="$(date +%s)"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
log "run $RUN_ID: rates [$RATES] x ${STEP_S}s, $USERS users, transport $TRANSPORT, results in $RUN_DIR"

start_kamailio
verify_one kamailio "127.0.0.1:$KAM_PORT" || die "Kamailio registration does not work"
ramp "$TSV_KAM" kamailio "127.0.0.1:$KAM_PORT" $KAM_PIDS
KAM_SUS="$(best_rate "$TSV_KAM")"

if [ "$KAM_ONLY" -eq 0 ]; then
    if sip_reachable "$PBX_SIPP"; then
        PID="$(pbx_pid)"
        [ -n "$PID" ] || log "WARNING: no PBX pid found (use --pbx-pid): server CPU will read 0"
        # every thread of the running PBX, including those it starts later (taskset -a pins the existing ones; new
        # threads inherit the affinity of the thread that creates them)
        if [ -n "$PID" ] && [ -n "$SRV_CPUS" ]; then taskset -a -p -c "$SRV_CPUS" "$PID" >/dev/null || die "taskset -a -p -c $SRV_CPUS $PID failed"; fi
        [ "$IMPORT" -eq 1 ] && import_users
        pbx_console "$RUN_DIR/pbx-stats-before.txt" pbx:sip-stats
        pbx_console "$RUN_DIR/pbx-bans-before.txt" pbx:ban-list
        if ! grep -q '^0 ban' "$RUN_DIR/pbx-bans-before.txt"; then
            log "WARNING: the PBX has bans (pbx:ban-list); a banned 127.0.0.1 gets no answer at all:"
            cat "$RUN_DIR/pbx-bans-before.txt" >&2
        fi
        if verify_one pbx "$PBX_SIPP"; then
            # stop Kamailio first so it cannot take CPU from the PBX run
            if [ "$KAM_OVERLOAD" -eq 1 ]; then overload "$TSV_KAM" kamailio "127.0.0.1:$KAM_PORT" "$KAM_SUS" $KAM_PIDS; fi
            stop_kamailio
            sleep "$PAUSE_S"
            if [ "$WARMUP_S" -gt 0 ]; then
                # unscored (label "warmup"): lets the JIT compile the hot paths before the ramp
                log "pbx: warm-up, $WARMUP_RATE REG/s for ${WARMUP_S}s (not scored) ..."
                saved_step_s="$STEP_S"; saved_dumps="$THREAD_DUMPS"; STEP_S="$WARMUP_S"; THREAD_DUMPS=0
                step pbx "$PBX_SIPP" "$WARMUP_RATE" warmup ${PID:-} >>"$TSV_PBX"
                STEP_S="$saved_step_s"; THREAD_DUMPS="$saved_dumps"
                log "pbx: warm-up $(tail -n 1 "$TSV_PBX" | awk -F'\t' '{printf "ok %s/%s, server CPU %s%%", $4, $3, $7}')"
                sleep "$PAUSE_S"
            fi
            ramp "$TSV_PBX" pbx "$PBX_SIPP" ${PID:-}
            PBX_SUS="$(best_rate "$TSV_PBX")"
            if [ "$OVERLOAD" -eq 1 ]; then overload "$TSV_PBX" pbx "$PBX_SIPP" "$PBX_SUS" ${PID:-}; fi
            PBX_STATE="ran (pid ${PID:-unknown})"
            pbx_console "$RUN_DIR/pbx-stats-after.txt" pbx:sip-stats
            pbx_console "$RUN_DIR/pbx-bans-after.txt" pbx:ban-list
            [ -n "${PID:-}" ] && { timeout 20 jcmd "$PID" GC.heap_info >"$RUN_DIR/pbx-heap-after.txt" 2>&1 || true; }
        else
            PBX_STATE="answers on $PBX but the test registration failed: no ramp (see log above)"
        fi
    else
        PBX_STATE="nothing answers SIP on $PBX: no ramp"
        log "PBX: $PBX_STATE"
    fi
fi
if [ -n "$KAM_PID" ] && [ "$KAM_OVERLOAD" -eq 1 ]; then overload "$TSV_KAM" kamailio "127.0.0.1:$KAM_PORT" "$KAM_SUS" $KAM_PIDS; fi
stop_kamailio
ELAPSED=$(( $(date +%s) - START_TS ))

# ---- report ---------------------------------------------------------------------------------------
fmt_sus() { # rate + "(top step, limit is higher)" if the whole ramp passed
    if [ "$1" -eq 0 ]; then echo "none"; elif [ "$(capped "$2")" = yes ]; then echo ">= $1 REG/s (top step: the limit is higher)"; else echo "$1 REG/s"; fi
}
{
    echo "# REGISTER rate ramp, $RUN_ID"
    echo
    if [ -n "$CPUS" ]; then echo "- CPUs: SIPp on $GEN_CPUS, the server under test on $SRV_CPUS (CPUS=$CPUS, taskset)"; else echo "- CPUs: not pinned, SIPp and the server share every core"; fi
    echo "- Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), kernel $(uname -r); load average before: $LOAD_BEFORE"
    echo "- Load: $("$SIPP" -v 2>/dev/null | grep -o 'SIPp v[^ ]*' | head -1), scenario register-digest.xml (REGISTER, 401, REGISTER + MD5 digest qop=auth, 200; new Call-ID each), -t $TRANSPORT, $USERS users in sequence, Expires 3600"
    echo "- Steps: ${STEP_S}s each, $PAUSE_S s apart; a transaction unanswered for $((RECV_TIMEOUT_MS / 1000)) s fails (SIPp retransmits UDP meanwhile)"
    echo "- Reference: $(kamailio -v | head -1 | sed 's/^version: //'), registrar + auth_db (db_text), usrloc in memory, $KAM_CHILDREN UDP workers, 127.0.0.1:$KAM_PORT"
    echo "- PBX at $PBX: $PBX_STATE; $( [ "$WARMUP_S" -gt 0 ] && echo "unscored warm-up of ${WARMUP_S}s at $WARMUP_RATE REG/s before its ramp (JIT)" || echo "no warm-up")"
    echo "- Run time ${ELAPSED}s; raw SIPp files in bench/out/runs/$RUN_ID/"
    echo
    echo "CPU columns are percent of one core (this machine has $(nproc): 100 x cores is everything). \"other\" is what the rest of the machine used meanwhile: if it is high, the figures are noisy."
    echo "Sustained = no failed call, every call registered, achieved >= 95% of the step rate."
    echo
    echo "## Kamailio"
    echo
    md_table "$TSV_KAM"
    echo
    echo "Highest rate sustained at 0 failures: $(fmt_sus "$KAM_SUS" "$TSV_KAM")"
    if grep -q '^2x' "$TSV_KAM"; then
        echo
        echo "At 2x ($((2 * KAM_SUS)) REG/s): $(verdict "$TSV_KAM" "$KAM_SUS"); registration afterwards: $(cat "$RUN_DIR/kamailio.recovered" 2>/dev/null || echo '?')"
    fi
    if [ -s "$TSV_PBX" ]; then
        echo
        echo "## Plugboard"
        echo
        md_table "$TSV_PBX"
        echo
        echo "Highest rate sustained at 0 failures: $(fmt_sus "$PBX_SUS" "$TSV_PBX")"
        echo
        if [ "$KAM_SUS" -gt 0 ]; then
            ratio="$(awk -v a="$PBX_SUS" -v b="$KAM_SUS" 'BEGIN{printf "%.2f", a/b}')"
            target="$(awk -v r="$ratio" 'BEGIN{print (r >= 1.0) ? "meets the >= 1.0x target" : "below the >= 1.0x target"}')"
            echo "**Plugboard / Kamailio: ${ratio}x** ($PBX_SUS / $KAM_SUS REG/s): $target."
            [ "$(capped "$TSV_KAM")" = yes ] && echo "Kamailio passed every step, so its real limit is higher: extend --rates for a true ratio."
        fi
        if grep -q '^2x' "$TSV_PBX"; then
            echo
            echo "At 2x ($((2 * PBX_SUS)) REG/s): $(verdict "$TSV_PBX" "$PBX_SUS"); registration afterwards: $(cat "$RUN_DIR/pbx.recovered" 2>/dev/null || echo '?')"
        fi
        if [ -s "$RUN_DIR/pbx-stats-before.txt" ] && [ -s "$RUN_DIR/pbx-stats-after.txt" ]; then
            echo
            echo "pbx:sip-stats over the PBX part (before -> after, difference):"
            echo
            echo "| counter | before | after | difference |"
            echo "|---|---:|---:|---:|"
            join -a1 -a2 -e 0 -o 0,1.2,2.2 <(pbx_counters "$RUN_DIR/pbx-stats-before.txt" | sort) \
                <(pbx_counters "$RUN_DIR/pbx-stats-after.txt" | sort) |
                awk '{printf "| %s | %d | %d | %d |\n", $1, $2, $3, $3 - $2}'
        fi
        if [ -s "$RUN_DIR/pbx-bans-after.txt" ] && ! grep -q '^0 ban' "$RUN_DIR/pbx-bans-after.txt"; then
            echo
            echo "pbx:ban-list after the run:"; echo; sed 's/^/    /' "$RUN_DIR/pbx-bans-after.txt"
        fi
    fi
} >"$RESULT_MD"
cp "$RESULT_MD" "$RUN_DIR/"
cat "$RESULT_MD"
