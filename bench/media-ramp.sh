#!/usr/bin/env bash
# Media relay ramp: N concurrent G.711 calls (20 ms packets, 172-byte UDP payloads, both directions: 2N streams)
# through a plain UDP echo (the latency reference), rtpengine (userspace) and the Plugboard media node, the last
# two set up through the ng protocol by the same code, for each N of the ramp; loss, latency, CPU per step.
# Starts and stops everything it runs. Writes bench/out/media-results.csv and media-results.md and prints the
# report. At most about 8 + 3 x (warm-up + steps x (seconds + 40)) s: with the defaults about 27 minutes; each
# generator run is halted after its own limit. See bench/README.md and bench/media/README.md.
#
# Usage: bench/media-ramp.sh [--calls "100 200 300 500 700 1000 1200 1500"] [--seconds 20]
#                            [--warmup-calls 500] [--warmup-seconds 20] [--no-echo] [--no-rtpengine] [--no-plugboard]
#                            [--media-node DIR] [--jfr] [--loops 1] [--sockets-per-side 8]
# Environment: CPUS=0:1 pins the generator to CPU 0 and the echo and engines to CPU 1; PB_THREADS, RTPE_THREADS.
set -euo pipefail

BENCH="$(cd "$(dirname "$0")" && pwd)"
REPO="$(dirname "$BENCH")"
OUT="$BENCH/out"
GEN_POM="$BENCH/media/pom.xml"
ECHO_SRC="$BENCH/media/echo/udp-echo.c"
MEDIA_NODE="$REPO/media-node/target/assembly"

# ---- options (environment variables give the less common knobs) -------------------------------
CALLS="100 200 300 500 700 1000 1200 1500"
STEP_S=20
WARMUP_CALLS=500        # unscored first step for each engine: the generator's and the media node's JIT
WARMUP_S=20
ECHO_RUN=1; RTPE_RUN=1; PB_RUN=1
JFR=0                   # --jfr: a JFR profile of the media node during its ramp
LOOPS=1                 # generator event-loop threads
PER_SIDE=8              # generator sockets per side (each carries N / PER_SIDE calls)
TICK_US="${TICK_US:-500}"        # the pacer's wake-up interval
DRAIN_MS="${DRAIN_MS:-1000}"     # wait after the last packet before counting
PAUSE_MS="${PAUSE_MS:-3000}"     # quiet time between steps
ECHO_ADDR="127.0.0.1:${ECHO_PORT:-59990}"
RTPE_NG="127.0.0.1:${RTPE_NG_PORT:-22240}"
PB_NG="127.0.0.1:${PB_NG_PORT:-22241}"
NG_LOCAL="127.0.0.1:${NG_LOCAL_PORT:-22248}"   # the generator's ng client socket
# relay ports: the engines run one after the other, so both get the same range (rtpengine takes 4 per call)
PORT_MIN="${PORT_MIN:-50000}"; PORT_MAX="${PORT_MAX:-55999}"
GEN_PORT="${GEN_PORT:-56000}"    # generator sockets GEN_PORT .. GEN_PORT + 2 x PER_SIDE - 1
RTPE_THREADS="${RTPE_THREADS:-}" # rtpengine --num-threads (empty: its default)
# CPUS="0:1": the generator on CPU 0, the echo and the engines on CPU 1 (taskset lists), so the load generator
# does not take the CPU of what it measures. Empty: everything shares every core.
CPUS="${CPUS:-}"
GEN_CPUS="${CPUS%%:*}"; ENGINE_CPUS="${CPUS#*:}"
pin() { if [ -n "$1" ]; then echo taskset -c "$1"; fi; }
PB_THREADS="${PB_THREADS:-}"     # the media node's relay event loops, `threads` in org.plugboard.media.cfg (empty: its cfg)
MAX_STEPS=12
# The machine is shared: the script re-runs itself in a session of its own, and the kernel's scheduler autogroup of
# that session (everything this script starts: generator, echo, engines alike) gets this nice value, so other
# people's builds disturb the steps less. A plain `nice` would not do: with autogroups it only ranks processes
# within one session. NICE=0 turns it off.
NICE="${NICE:--10}"

ARGS=("$@")   # for the re-run in a session of its own
usage() { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
while [ $# -gt 0 ]; do
    case "$1" in
        --calls) CALLS="$2"; shift 2 ;;
        --seconds) STEP_S="$2"; shift 2 ;;
        --warmup-calls) WARMUP_CALLS="$2"; shift 2 ;;
        --warmup-seconds) WARMUP_S="$2"; shift 2 ;;
        --no-echo) ECHO_RUN=0; shift ;;
        --no-rtpengine) RTPE_RUN=0; shift ;;
        --no-plugboard) PB_RUN=0; shift ;;
        --media-node) MEDIA_NODE="$2"; shift 2 ;;
        --jfr) JFR=1; shift ;;
        --loops) LOOPS="$2"; shift 2 ;;
        --sockets-per-side) PER_SIDE="$2"; shift 2 ;;
        -h|--help) usage ;;
        *) echo "unknown option: $1" >&2; usage ;;
    esac
done

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
whole() { case "$2" in ''|*[!0-9]*) die "$1 wants a whole number, got '$2'" ;; esac; }

whole --seconds "$STEP_S"; [ "$STEP_S" -ge 1 ] && [ "$STEP_S" -le 120 ] || die "--seconds must be 1..120"
whole --warmup-seconds "$WARMUP_S"; [ "$WARMUP_S" -le 120 ] || die "--warmup-seconds: at most 120"
whole --warmup-calls "$WARMUP_CALLS"; [ "$WARMUP_CALLS" -le 5000 ] || die "--warmup-calls: at most 5000"
case "$NICE" in -[0-9]|-1[0-9]|-20|[0-9]|1[0-9]) ;; *) die "NICE must be -20..19" ;; esac
if [ "$NICE" != 0 ] && [ -z "${MEDIA_RAMP_SESSION:-}" ] && [ -w /proc/self/autogroup ]; then
    MEDIA_RAMP_SESSION=1 setsid "$0" "${ARGS[@]}" &
    child=$!
    trap 'kill -TERM "$child" 2>/dev/null || true; wait "$child"' INT TERM
    rc=0; wait "$child" || rc=$?
    exit "$rc"
fi
PRIORITY="none"
if [ -n "${MEDIA_RAMP_SESSION:-}" ]; then
    echo "$NICE" >/proc/self/autogroup 2>/dev/null && PRIORITY="own session, scheduler autogroup nice $NICE ($(cat /proc/self/autogroup))" \
        || log "WARNING: could not set the autogroup nice (needs root): the steps compete with everything else"
fi
whole --loops "$LOOPS"; [ "$LOOPS" -ge 1 ] && [ "$LOOPS" -le 4 ] || die "--loops must be 1..4"
whole --sockets-per-side "$PER_SIDE"; [ "$PER_SIDE" -ge 1 ] && [ "$PER_SIDE" -le 64 ] || die "--sockets-per-side must be 1..64"
n_steps=0
for n in $CALLS; do
    whole --calls "$n"; [ "$n" -ge 1 ] && [ "$n" -le 5000 ] || die "calls $n outside 1..5000"
    n_steps=$((n_steps + 1))
done
[ "$n_steps" -ge 1 ] && [ "$n_steps" -le "$MAX_STEPS" ] || die "--calls: 1..$MAX_STEPS steps"
[ "$ECHO_RUN" -eq 1 ] || [ "$RTPE_RUN" -eq 1 ] || [ "$PB_RUN" -eq 1 ] || die "nothing to run"
# a step: set-up (ng, a few s at most), the seconds, drain, pause, teardown; 40 s covers all but the seconds
GEN_MAX_S=$(( WARMUP_S + 40 + n_steps * (STEP_S + 40) ))

for tool in java mvn gcc awk ss; do command -v "$tool" >/dev/null || die "$tool not found"; done
[ "$RTPE_RUN" -eq 0 ] || command -v rtpengine >/dev/null || die "rtpengine not found (apt-get install rtpengine-daemon)"

RUN_ID="$(date +%Y%m%d-%H%M%S)"
RUN_DIR="$OUT/runs/media-$RUN_ID"
mkdir -p "$RUN_DIR"
CSV="$RUN_DIR/media.csv"
THREADS="$RUN_DIR/threads.csv"
CLK_TCK="$(getconf CLK_TCK)"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

port_free() { ! ss -H -lun "sport = :$1" | grep -q .; }
for p in "${ECHO_ADDR##*:}" "${RTPE_NG##*:}" "${PB_NG##*:}" "${NG_LOCAL##*:}"; do port_free "$p" || die "UDP port $p is taken"; done
for p in $(seq "$GEN_PORT" $((GEN_PORT + 2 * PER_SIDE - 1))); do port_free "$p" || die "generator UDP port $p is taken"; done
in_use="$(ss -H -lun | awk -v lo="$PORT_MIN" -v hi="$PORT_MAX" '{n=split($4,a,":"); p=a[n]+0; if (p>=lo && p<=hi) c++} END{print c+0}')"
[ "$in_use" -eq 0 ] || die "$in_use UDP ports in the relay range $PORT_MIN-$PORT_MAX are taken"

# ---- build ------------------------------------------------------------------------------------------
log "building the generator (mvn -f bench/media/pom.xml package) and the echo (gcc) ..."
mvn -B -q -f "$GEN_POM" package -DskipTests >"$RUN_DIR/build.log" 2>&1 || { cat "$RUN_DIR/build.log" >&2; die "generator build failed"; }
GEN_CP="$BENCH/media/target/media-load.jar:$BENCH/media/target/lib/*"
ECHO_BIN="$RUN_DIR/udp-echo"
gcc -O2 -Wall -o "$ECHO_BIN" "$ECHO_SRC" || die "echo build failed"

# ---- what this script starts, and stops on exit ------------------------------------------------------
ECHO_PID=""; RTPE_PID=""; PB_PID=""; PB_HOME=""
stop_pid() { # stop_pid PID NAME: TERM, up to 10 s, then KILL
    local pid="$1"
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
    log "$2 (pid $pid) did not stop in 10 s: KILL"
    kill -9 "$pid" 2>/dev/null || true
}
stop_echo() { stop_pid "$ECHO_PID" echo; ECHO_PID=""; }
stop_rtpengine() { stop_pid "$RTPE_PID" rtpengine; RTPE_PID=""; }
stop_plugboard() {
    [ -n "$PB_PID" ] || return 0
    if [ "$JFR" -eq 1 ]; then timeout 60 jcmd "$PB_PID" JFR.stop name=bench >/dev/null 2>&1 || true; fi
    stop_pid "$PB_PID" "media node"; PB_PID=""
}
GEN_PID=""
cleanup() { stop_pid "$GEN_PID" generator; stop_echo; stop_rtpengine; stop_plugboard; }
trap cleanup EXIT
trap 'exit 130' INT TERM

# generator MODE TARGET ENGINE PID: the warm-up and the ramp against one engine, rows appended to $CSV
generator() {
    local rc=0
    timeout $((GEN_MAX_S + 30)) $(pin "$GEN_CPUS") java -Xms512m -Xmx512m -cp "$GEN_CP" org.plugboard.bench.media.MediaLoad \
        --mode "$1" --target "$2" --engine "$3" --engine-pid "$4" --engine-ports "$PORT_MIN-$PORT_MAX" \
        --calls "$CALLS" --seconds "$STEP_S" --warmup-calls "$WARMUP_CALLS" --warmup-seconds "$WARMUP_S" \
        --first-port "$GEN_PORT" --sockets-per-side "$PER_SIDE" --loops "$LOOPS" --tick-us "$TICK_US" \
        --drain-ms "$DRAIN_MS" --pause-ms "$PAUSE_MS" --ng-local "$NG_LOCAL" --clock-ticks "$CLK_TCK" \
        --csv "$CSV" --threads "$THREADS" --max-seconds "$GEN_MAX_S" >"$RUN_DIR/$3.out" 2>"$RUN_DIR/$3.log" &
    GEN_PID=$!   # in the background: a trap runs during `wait`, not only after the generator ends
    wait "$GEN_PID" || rc=$?
    GEN_PID=""
    grep -E 'ramp stopped|set-up failed|deletes failed|no ng pong' "$RUN_DIR/$3.log" >&2 || true
    [ "$rc" -le 1 ] || log "$3: the generator exited with $rc (see $RUN_DIR/$3.log)"
}
# set_cfg FILE KEY VALUE: replaces the KEY line of a .cfg, or appends it
set_cfg() {
    if grep -qE "^[[:space:]]*$2[[:space:]]*=" "$1" 2>/dev/null; then
        sed -i -E "s|^[[:space:]]*$2[[:space:]]*=.*|$2 = $3|" "$1"
    else
        printf '%s = %s\n' "$2" "$3" >>"$1"
    fi
}
ping_ng() { java -cp "$GEN_CP" org.plugboard.bench.media.MediaLoad --target "$1" --ng-local "$NG_LOCAL" --ping-seconds "$2"; }

START_TS="$(date +%s)"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
ECHO_STATE="not run"; RTPE_STATE="not run"; PB_STATE="not run"

# ---- echo -------------------------------------------------------------------------------------------
if [ "$ECHO_RUN" -eq 1 ]; then
    $(pin "$ENGINE_CPUS") "$ECHO_BIN" "${ECHO_ADDR%:*}" "${ECHO_ADDR##*:}" $((GEN_MAX_S + 60)) 2>"$RUN_DIR/echo.stderr" &
    ECHO_PID=$!
    sleep 0.3; kill -0 "$ECHO_PID" 2>/dev/null || die "the echo did not start: $(cat "$RUN_DIR/echo.stderr")"
    log "echo (pid $ECHO_PID) on $ECHO_ADDR: ramp $CALLS ..."
    generator echo "$ECHO_ADDR" echo "$ECHO_PID"
    ECHO_STATE="ran (C, single thread, recvfrom/sendto, pid $ECHO_PID)"
    stop_echo
fi

# ---- rtpengine --------------------------------------------------------------------------------------
if [ "$RTPE_RUN" -eq 1 ]; then
    RTPE_VERSION="$(rtpengine --version 2>&1 | awk '{print $2; exit}')"
    $(pin "$ENGINE_CPUS") rtpengine --config-file=none --table=-1 --interface=127.0.0.1 --listen-ng="$RTPE_NG" \
        --port-min="$PORT_MIN" --port-max="$PORT_MAX" --foreground --log-stderr --log-level=4 --delete-delay=0 \
        ${RTPE_THREADS:+--num-threads=$RTPE_THREADS} >"$RUN_DIR/rtpengine.log" 2>&1 &
    RTPE_PID=$!
    if ping_ng "$RTPE_NG" 20; then
        RTPE_POLLERS="$(ps -L -o comm= -p "$RTPE_PID" | grep -c '^poller$' || true)"
        log "rtpengine $RTPE_VERSION (pid $RTPE_PID, $RTPE_POLLERS poller threads) on $RTPE_NG: ramp $CALLS ..."
        generator ng "$RTPE_NG" rtpengine "$RTPE_PID"
        RTPE_STATE="ran: rtpengine $RTPE_VERSION userspace (--table=-1), interface 127.0.0.1, $RTPE_POLLERS poller threads, ports $PORT_MIN-$PORT_MAX"
    else
        RTPE_STATE="did not answer ng ping on $RTPE_NG (see $RUN_DIR/rtpengine.log)"
        log "rtpengine: $RTPE_STATE"
    fi
    stop_rtpengine
fi

# ---- Plugboard media node ---------------------------------------------------------------------------
if [ "$PB_RUN" -eq 1 ]; then
    if [ -x "$MEDIA_NODE/bin/karaf" ]; then
        # a copy, so the build's etc/ stays as it is
        PB_HOME="$RUN_DIR/media-node"
        cp -a "$MEDIA_NODE" "$PB_HOME"
        rm -rf "$PB_HOME/data" "$PB_HOME/instances"   # a fresh start, whatever ran from the build before
        set_cfg "$PB_HOME/etc/org.plugboard.media.ng.server.cfg" listen "$PB_NG"
        set_cfg "$PB_HOME/etc/org.plugboard.media.cfg" port.min "$PORT_MIN"
        set_cfg "$PB_HOME/etc/org.plugboard.media.cfg" port.max "$PORT_MAX"
        set_cfg "$PB_HOME/etc/org.plugboard.media.cfg" bind.address 127.0.0.1
        set_cfg "$PB_HOME/etc/org.plugboard.media.cfg" advertised.address 127.0.0.1
        [ -z "$PB_THREADS" ] || set_cfg "$PB_HOME/etc/org.plugboard.media.cfg" threads "$PB_THREADS"
        # console TCP ports away from a node or PBX started from the build (8101/8102, 1099/1100, 44444/44446)
        set_cfg "$PB_HOME/etc/org.apache.karaf.shell.cfg" sshPort "${PB_SSH_PORT:-22242}"
        set_cfg "$PB_HOME/etc/org.apache.karaf.management.cfg" rmiRegistryPort "${PB_RMI_REGISTRY_PORT:-22243}"
        set_cfg "$PB_HOME/etc/org.apache.karaf.management.cfg" rmiServerPort "${PB_RMI_SERVER_PORT:-22244}"
        # the node's GC log, to tell a collector pause from anything else in a step's p99
        EXTRA_JAVA_OPTS="${EXTRA_JAVA_OPTS:-} -Xlog:gc*:file=$RUN_DIR/media-node-gc.log:uptime" \
        KARAF_HOME="$PB_HOME" $(pin "$ENGINE_CPUS") "$PB_HOME/bin/karaf" server >"$RUN_DIR/media-node.out" 2>&1 &
        if ping_ng "$PB_NG" 90; then
            PB_PID="$(pgrep -f "karaf.home=$PB_HOME .*org.apache.karaf.main.Main" | head -1 || true)"
            [ -n "$PB_PID" ] || PB_PID="$(ss -H -lunp "sport = :${PB_NG##*:}" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)"
            if [ "$JFR" -eq 1 ]; then
                timeout 60 jcmd "$PB_PID" JFR.start name=bench settings=profile filename="$RUN_DIR/media-node.jfr" >/dev/null 2>&1 \
                    || log "WARNING: JFR.start failed"
            fi
            log "Plugboard media node (pid $PB_PID) on $PB_NG: ramp $CALLS ..."
            generator ng "$PB_NG" plugboard "$PB_PID"
            PB_STATE="ran: media node $MEDIA_NODE (copy in $PB_HOME), ng $PB_NG, ports $PORT_MIN-$PORT_MAX, pid $PB_PID"
            if [ "$JFR" -eq 1 ]; then
                timeout 60 jcmd "$PB_PID" JFR.dump name=bench filename="$RUN_DIR/media-node.jfr" >/dev/null 2>&1 || true
                # the top frames of the Java CPU samples
                jfr print --events jdk.ExecutionSample "$RUN_DIR/media-node.jfr" 2>/dev/null |
                    awk '/stackTrace = \[/ {getline; sub(/^[ \t]+/, ""); sub(/line:.*/, ""); c[$0]++; n++}
                         END {for (k in c) printf "%6.1f%% %s\n", 100 * c[k] / n, k}' |
                    sort -rn | head -25 >"$RUN_DIR/media-node-top-frames.txt" || true
            fi
        else
            PB_STATE="started from $MEDIA_NODE but no ng pong on $PB_NG within 90 s (see $RUN_DIR/media-node.out, $PB_HOME/data/log)"
            PB_PID="$(pgrep -f "karaf.home=$PB_HOME .*org.apache.karaf.main.Main" | head -1 || true)"
            log "plugboard: $PB_STATE"
        fi
        stop_plugboard
    else
        PB_STATE="not built: no $MEDIA_NODE/bin/karaf (mvn -B -q install -pl media-node -am -DskipTests)"
        log "plugboard: $PB_STATE"
    fi
fi
ELAPSED=$(( $(date +%s) - START_TS ))

# ---- report -----------------------------------------------------------------------------------------
# columns of media.csv: 1 engine 2 kind 3 calls 4 streams 5 seconds 6 sent 7 received 8 lost 9 loss_pct
# 10 duplicates 11 reordered 12 misrouted 13 strays 14 malformed 15 p50_us 16 p99_us 17 p999_us 18 max_us
# 19 engine_cpu 20 generator_cpu 21 softirq 22 other 23 rcvbuf_errors 24 gen_socket_drops 25 engine_socket_drops
# 26 lag_p99_us 27 lag_max_us 28 setup_ms 29 achieved_pps 30 outcome
[ -f "$CSV" ] || echo "engine" >"$CSV"
md_table() { # md_table ENGINE: one row per step, added latency against the echo's step with the same N
    echo "| step | calls | streams | sent | received | lost | p50 us | p99 us | max us | added p50 us | added p99 us | engine CPU % | generator CPU % | softirq % | other % | UDP buffer drops | generator lag p99 us | set-up ms | outcome |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
    awk -F, -v e="$1" '
        FNR == 1 {f++; next}
        f == 1 && $1 == "echo" && $2 == "ramp" {p50[$3] = $15; p99[$3] = $16; next}
        f == 2 && $1 == e {
            a50 = ($2 == "ramp" && $3 in p50 && e != "echo" && $15 >= 0) ? sprintf("%.0f", $15 - p50[$3]) : "-"
            a99 = ($2 == "ramp" && $3 in p99 && e != "echo" && $16 >= 0) ? sprintf("%.0f", $16 - p99[$3]) : "-"
            printf "| %s | %s | %s | %s | %s | %s | %.0f | %.0f | %.0f | %s | %s | %.0f | %.0f | %.0f | %.0f | %s | %.0f | %s | %s |\n",
                $2, $3, $4, $6, $7, $8, $15, $16, $18, a50, a99, $19, $20, $21, $22, $23, $26, $28, $30
        }' "$CSV" "$CSV"
}
# best ENGINE [P99_LIMIT_US]: highest N with 0 loss (and added p99 under the limit when one is given)
best() {
    awk -F, -v e="$1" -v lim="${2:-}" '
        FNR == 1 {f++; next}
        f == 1 && $1 == "echo" && $2 == "ramp" {p99[$3] = $16; next}
        f == 2 && $1 == e && $2 == "ramp" && $30 == "ok" {
            if (lim != "" && e != "echo" && (!($3 in p99) || $16 - p99[$3] >= lim)) next
            if ($3 + 0 > b) b = $3 + 0
        }
        END {print b + 0}' "$CSV" "$CSV"
}
RESULT_MD="$OUT/media-results.md"
{
    echo "# Media relay ramp, $RUN_ID"
    echo
    if [ -n "$CPUS" ]; then echo "- CPUs: generator on $GEN_CPUS, echo and engines on $ENGINE_CPUS (CPUS=$CPUS, taskset)"; else echo "- CPUs: not pinned, everything shares every core"; fi
    echo "- Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), kernel $(uname -r), $(java -version 2>&1 | head -1); net.core.rmem_max $(cat /proc/sys/net/core/rmem_max); load average before: $LOAD_BEFORE"
    echo "- Load: N calls of G.711 (PCMU, 20 ms: 50 packets/s per stream, 172-byte UDP payloads), both directions (2N streams), sends spread evenly over each 20 ms (pacer tick ${TICK_US} us); ${STEP_S} s per step after an unscored ${WARMUP_S} s warm-up at $WARMUP_CALLS calls; a step stops the ramp after two in a row with loss"
    echo "- Priority: $PRIORITY (the machine is shared; \"other\" CPU shows what else ran)"
    echo "- Generator: bench/media (Java 17, Netty epoll, recvmmsg/sendmmsg; $LOOPS event-loop thread(s), $PER_SIDE sockets per side on 127.0.0.1:$GEN_PORT-$((GEN_PORT + 2 * PER_SIDE - 1))); one-way latency generator -> engine -> generator from the send time in each packet, HdrHistogram"
    echo "- Set-up: ng offer (side A's SDP) and answer (side B's) per call, A sends to the answer's relay port and B to the offer's; delete at the end of the step"
    echo "- Echo: $ECHO_STATE on $ECHO_ADDR; every stream goes to it and back to its sender"
    echo "- rtpengine: $RTPE_STATE"
    echo "- Plugboard: $PB_STATE"
    echo "- Run time ${ELAPSED}s; CSV bench/out/media-results.csv, per-thread CPU of the engines in bench/out/runs/media-$RUN_ID/threads.csv"
    echo
    echo "CPU columns are percent of one core ($(nproc) cores: 100 x cores is everything). softirq is the kernel's packet delivery on loopback, charged to no process; \"other\" is the rest of the machine. \"added\" = the engine's latency minus the echo's at the same N. Generator lag = how late the pacer sent (its own health; latency is measured from the real send time)."
    for e in echo rtpengine plugboard; do
        grep -q "^$e," "$CSV" || continue
        echo; echo "## $e"; echo; md_table "$e"; echo
        echo "Highest N at 0 loss: $(best "$e")$( [ "$e" = echo ] || echo "; at 0 loss and added p99 < 1 ms: $(best "$e" 1000)")"
    done
    RB="$(best rtpengine)"; PBB="$(best plugboard)"
    if [ "$RB" -gt 0 ] && grep -q '^plugboard,' "$CSV"; then
        echo
        echo "**Plugboard / rtpengine: $(awk -v a="$PBB" -v b="$RB" 'BEGIN{printf "%.2f", a/b}')x** ($PBB / $RB calls at 0 loss)."
    fi
} >"$RESULT_MD"
cp "$CSV" "$OUT/media-results.csv"
cp "$RESULT_MD" "$RUN_DIR/"
cat "$RESULT_MD"
