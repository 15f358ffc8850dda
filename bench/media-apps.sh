#!/usr/bin/env bash
# Media applications benchmark (issue 14): N concurrent calls of each kind through the PBX's local media engine, in
# one run and one PBX, each kind after the other:
#   relay  the reference: N two-party calls 1002 -> 1001 relayed by the engine, RTP both ways (2N streams)
#   ivr    N calls to an IVR that plays a HOLD-second prompt (a 1 kHz tone) and then collects one RFC 4733 digit
#   vm     N voicemail deposits (971001) recording HOLD-1 seconds of a 1 kHz tone each
#   rec    the relay's calls, each recorded (issue 15: policy always for the caller, stereo files): RTP loss as for the
#          relay, and in every WAV channel the 1 kHz tone checked frame by frame (silent frames inside = lost audio)
#   conf   N conference participants (issue 15) in meet-me rooms of --room-size each (the last may be smaller), each
#          sending its 1 kHz tone and receiving the room's mix: lost = sequence numbers missing in what each
#          participant receives (the mixer sends every 20 ms, silence included), gaps > 40 ms; CPU per participant
# Per step: failed calls, RTP loss (rtp-phone counts every packet per call), prompt pacing (arrival gaps), the stored
# WAVs (length, lost audio), and the PBX's CPU per concurrent call while all N are up, with its ratio to the relay's.
# Starts a copy of the built distribution (karaf-assembly/target/assembly) and stops it; everything is bounded in
# calls and time and runs on 127.0.0.1. Writes bench/out/media-apps-results.{md,csv} and prints the report.
#
# Usage: bench/media-apps.sh [--calls "300"] [--hold 30] [--rate 30] [--kinds "relay ivr vm rec conf"]
#                            [--room-size 4] [--warmup-calls 60] [--karaf-home DIR] [--jfr] [--keep]
# Environment: CPUS=0:1 (SIPp and rtp-phone on CPU 0, the PBX on CPU 1; empty: no pinning), SIPP, UAC_PORT (17700),
# UAS_PORT (17701), SIPP_MEDIA_PORT (47000), PORT_A (45000), PORT_B (46000), PAUSE_S (5).
set -euo pipefail
export PLUGBOARD_DEMO=1 # the PBX copies run in demo mode: the benches log in to the console as karaf/karaf

BENCH="$(cd "$(dirname "$0")" && pwd)"
REPO="$(dirname "$BENCH")"
OUT="$BENCH/out"
SCEN="$BENCH/scenarios"
ASSEMBLY="$REPO/karaf-assembly/target/assembly"

CALLS="300"; HOLD_S=30; RATE=30; KINDS="relay ivr vm"; WARMUP_CALLS=60; JFR=0; KEEP=0; ROOM_SIZE=4
ROOM_BASE=88000          # conference rooms 88000, 88001, ...: participant i (0-based) joins ROOM_BASE + i / ROOM_SIZE
SIPP="${SIPP:-sipp}"
UAC_PORT="${UAC_PORT:-17700}"; UAS_PORT="${UAS_PORT:-17701}"
SIPP_MEDIA_PORT="${SIPP_MEDIA_PORT:-47000}"     # SIPp's own RTP socket: the IVR caller's DTMF pcap
PORT_A="${PORT_A:-45000}"; PORT_B="${PORT_B:-46000}"   # rtp-phone: callers from PORT_A, relay callees from PORT_B
PAUSE_S="${PAUSE_S:-5}"
CPUS="${CPUS-0:1}"
GEN_CPUS="${CPUS%%:*}"; PBX_CPUS="${CPUS#*:}"
pin() { if [ -n "$1" ]; then echo taskset -c "$1"; fi; }
CALLER=1002; CALLER_PW=demo1002pw; CALLEE=1001; CALLEE_PW=demo1001pw
IVR_NUMBER=590; VM_NUMBER="97$CALLEE"
GREETING_MS=500          # the mailbox's personal greeting, placed as a file: the recording starts after it and a beep
DTMF_PCAP=/usr/share/sip-tester/dtmf_2833_5.pcap
BYE_MS=5000              # the IVR hangs up this soon after the digit, or the call fails

usage() { sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
while [ $# -gt 0 ]; do
    case "$1" in
        --calls) CALLS="$2"; shift 2 ;;
        --hold) HOLD_S="$2"; shift 2 ;;
        --rate) RATE="$2"; shift 2 ;;
        --kinds) KINDS="$2"; shift 2 ;;
        --room-size) ROOM_SIZE="$2"; shift 2 ;;
        --warmup-calls) WARMUP_CALLS="$2"; shift 2 ;;
        --karaf-home) ASSEMBLY="$2"; shift 2 ;;
        --jfr) JFR=1; shift ;;
        --keep) KEEP=1; shift ;;
        -h|--help) usage ;;
        *) echo "unknown option: $1" >&2; usage ;;
    esac
done

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
whole() { case "$2" in ''|*[!0-9]*) die "$1 wants a whole number, got '$2'" ;; esac; }
whole --hold "$HOLD_S"; [ "$HOLD_S" -ge 10 ] && [ "$HOLD_S" -le 120 ] || die "--hold: 10..120 seconds"
whole --rate "$RATE"; [ "$RATE" -ge 1 ] && [ "$RATE" -le 200 ] || die "--rate: 1..200 calls/s"
whole --warmup-calls "$WARMUP_CALLS"; [ "$WARMUP_CALLS" -le 300 ] || die "--warmup-calls: at most 300"
n_steps=0
for n in $CALLS; do
    whole --calls "$n"; [ "$n" -ge 1 ] && [ "$n" -le 900 ] || die "calls $n outside 1..900 (rtp-phone's ports)"
    # all N up for at least 5 s: the window where the CPU is measured
    [ $(( HOLD_S - (n + RATE - 1) / RATE )) -ge 7 ] || die "$n calls at $RATE/s take too long to set up for --hold $HOLD_S: raise --rate or --hold"
    n_steps=$((n_steps + 1))
done
[ "$n_steps" -ge 1 ] && [ "$n_steps" -le 6 ] || die "--calls: 1..6 steps"
for k in $KINDS; do case "$k" in relay|ivr|vm|rec|conf) ;; *) die "--kinds: relay, ivr, vm, rec, conf" ;; esac; done
whole --room-size "$ROOM_SIZE"; [ "$ROOM_SIZE" -ge 2 ] && [ "$ROOM_SIZE" -le 20 ] || die "--room-size: 2..20 participants"
for tool in java gcc awk ss taskset "$SIPP" sox; do command -v "$tool" >/dev/null || die "$tool not found"; done
[ -x "$ASSEMBLY/bin/karaf" ] || die "no distribution at $ASSEMBLY: build it first (mvn install -DskipTests)"
[ -f "$DTMF_PCAP" ] || die "no $DTMF_PCAP (Debian package sip-tester)"

RUN_ID="$(date +%Y%m%d-%H%M%S)"
RUN_DIR="$OUT/runs/apps-$RUN_ID"
mkdir -p "$RUN_DIR"
CSV="$RUN_DIR/media-apps.csv"
CLK_TCK="$(getconf CLK_TCK)"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

port_free() { ! ss -H -lun "sport = :$1" | grep -q .; }
for p in "$UAC_PORT" "$UAS_PORT" "$SIPP_MEDIA_PORT" 5060; do port_free "$p" || die "UDP port $p is taken (a PBX or a test running?)"; done
max_n=0; for n in $CALLS; do [ "$n" -le "$max_n" ] || max_n="$n"; done
for p in "$PORT_A" "$((PORT_A + max_n - 1))" "$PORT_B" "$((PORT_B + max_n - 1))"; do port_free "$p" || die "UDP port $p is taken"; done

# ---- build the helpers ---------------------------------------------------------------------------------------
PHONE="$RUN_DIR/rtp-phone"
gcc -O2 -Wall -o "$PHONE" "$BENCH/apps/rtp-phone.c" -lm || die "rtp-phone build failed"

# ---- what this script starts, and stops on exit --------------------------------------------------------------
PB_PID=""; PB_HOME=""; BG_PIDS=""
stop_pid() { # stop_pid PID NAME: TERM, up to 20 s, then KILL
    local pid="$1"
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
    log "$2 (pid $pid) did not stop in 20 s: KILL"
    kill -9 "$pid" 2>/dev/null || true
}
cleanup() {
    for p in $BG_PIDS; do stop_pid "$p" helper; done
    if [ -n "$PB_PID" ]; then stop_pid "$PB_PID" PBX; fi
    if [ -n "$PB_HOME" ] && [ "$KEEP" -eq 0 ]; then rm -rf "$PB_HOME/data/voicemail" "$PB_HOME/system" "$PB_HOME/lib"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

set_cfg() { # set_cfg FILE KEY VALUE
    if grep -qE "^[[:space:]]*$2[[:space:]]*=" "$1" 2>/dev/null; then
        sed -i -E "s|^[[:space:]]*$2[[:space:]]*=.*|$2 = $3|" "$1"
    else
        printf '%s = %s\n' "$2" "$3" >>"$1"
    fi
}
console() { echo "$1" | timeout 60 "$PB_HOME/bin/client" -u karaf -p karaf -b 2>&1 | grep -v 'JAVA_HOME not set' || true; }
cpu_ticks() { # utime+stime of the given pids (gone ones count 0)
    local t=0 p v
    for p in "$@"; do
        v="$(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0)"
        t=$((t + v))
    done
    echo "$t"
}
machine_ticks() { awk '/^cpu /{print $2+$3+$4+$7+$8+$9, $6}' /proc/stat; }  # busy (user nice system irq softirq steal), iowait
rcvbuf_errors() { awk '/^Udp:/ {n++; if (n == 2) print $6}' /proc/net/snmp; }

# ---- the PBX: a copy of the distribution ---------------------------------------------------------------------
PB_HOME="$RUN_DIR/pbx"
cp -a "$ASSEMBLY" "$PB_HOME"
rm -rf "$PB_HOME/data" "$PB_HOME/instances"
sed -i -E 's|^([[:space:]]*kar/[0-9.]+)[[:space:]]*$|\1, \\\n    pbx-ivr, \\\n    pbx-voicemail, \\\n    pbx-recording, \\\n    pbx-conference|' "$PB_HOME/etc/org.apache.karaf.features.cfg"
grep -q 'pbx-voicemail' "$PB_HOME/etc/org.apache.karaf.features.cfg" || die "could not add pbx-ivr and pbx-voicemail to featuresBoot"
set_cfg "$PB_HOME/etc/org.plugboard.registrar.cfg" ban.allow 127.0.0.1
set_cfg "$PB_HOME/etc/org.plugboard.voicemail.cfg" quota.messages 0
set_cfg "$PB_HOME/etc/org.plugboard.voicemail.cfg" quota.seconds 0
set_cfg "$PB_HOME/etc/org.plugboard.media.cfg" bind.address 127.0.0.1
set_cfg "$PB_HOME/etc/org.plugboard.recording.cfg" layout stereo   # one party per channel: each tone checked alone
REC_DIR="$PB_HOME/data/recordings"
# the IVR: the prompt is HOLD seconds of 1 kHz, then one digit: 5 hangs up at once, anything else plays the prompt
# again and no digit waits longer than the caller does: either fails the caller's call
mkdir -p "$PB_HOME/etc/prompts/en" "$PB_HOME/etc/ivr"
sox -n -r 8000 -c 1 -e signed -b 16 "$PB_HOME/etc/prompts/en/bench-tone.wav" synth "$HOLD_S" sine 1000 vol 0.25
cat >"$PB_HOME/etc/ivr/bench.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<ivr number="$IVR_NUMBER" description="bench/media-apps.sh">
  <menu name="main">
    <collect var="choice" prompt="bench-tone" max="1" first-timeout="$((HOLD_S + 10 > 120 ? 120 : HOLD_S + 10))" retries="0">
      <on digits="5"><hangup/></on>
      <otherwise><play prompt="bench-tone"/><hangup/></otherwise>
    </collect>
  </menu>
</ivr>
EOF
# the mailbox's own unavailable greeting: half a second of 400 Hz, so the recording starts at a known time
mkdir -p "$PB_HOME/data/voicemail/$CALLEE"
sox -n -r 8000 -c 1 -e signed -b 16 "$PB_HOME/data/voicemail/$CALLEE/greeting-unavailable.wav" synth "$(awk -v m="$GREETING_MS" 'BEGIN {print m / 1000}')" sine 400 vol 0.2

log "starting the PBX from $PB_HOME (pinned to CPU ${PBX_CPUS:-any}) ..."
EXTRA_JAVA_OPTS="${EXTRA_JAVA_OPTS:-} -Xlog:gc*:file=$RUN_DIR/pbx-gc.log:uptime" \
    KARAF_HOME="$PB_HOME" $(pin "$PBX_CPUS") "$PB_HOME/bin/karaf" server >"$RUN_DIR/pbx.out" 2>&1 &
BG_PIDS="$!"
for _ in $(seq 1 120); do
    PB_PID="$(pgrep -f "karaf.home=$PB_HOME .*org.apache.karaf.main.Main" | head -1 || true)"
    [ -n "$PB_PID" ] && ! port_free 5060 && break
    sleep 1
done
[ -n "$PB_PID" ] && ! port_free 5060 || die "the PBX did not open UDP 5060 within 120 s (see $RUN_DIR/pbx.out, $PB_HOME/data/log)"

register() { # register EXPIRES DIR
    mkdir -p "$2"
    (cd "$2" && timeout 30 $(pin "$GEN_CPUS") "$SIPP" 127.0.0.1:5060 -sf "$SCEN/call-register.xml" -m 1 -t u1 -i 127.0.0.1 \
        -p "$UAS_PORT" -s "$CALLEE" -au "$CALLEE" -ap "$CALLEE_PW" -key expires "$1" -timeout 10s -timeout_error -nostdin \
        >sipp.stdout 2>sipp.stderr)
}
ready=0
for i in $(seq 1 60); do
    if register 3600 "$RUN_DIR/register" 2>/dev/null \
        && console "pbx:ivr-list" | grep -q "$IVR_NUMBER" && console "pbx:vm-list" | grep -qi mailbox; then ready=1; break; fi
    sleep 2
done
[ "$ready" -eq 1 ] || die "the PBX is not ready after 120 s: registration of $CALLEE, IVR $IVR_NUMBER or voicemail missing (see $RUN_DIR)"
if [[ " $KINDS " == *" conf "* ]]; then
    rooms=$(( (max_n + ROOM_SIZE - 1) / ROOM_SIZE ))
    console "$(for r in $(seq 0 $((rooms - 1))); do echo "pbx:conf-add $((ROOM_BASE + r)) --max $ROOM_SIZE"; done)" >"$RUN_DIR/conf-add.txt"
    [ "$(grep -c 'added' "$RUN_DIR/conf-add.txt")" -eq "$rooms" ] || die "could not add $rooms conference rooms (see $RUN_DIR/conf-add.txt)"
    log "$rooms conference rooms of $ROOM_SIZE from $ROOM_BASE"
fi
log "PBX pid $PB_PID ready: $CALLEE registered from 127.0.0.1:$UAS_PORT, IVR $IVR_NUMBER loaded, voicemail up"
VM_DIR="$PB_HOME/data/voicemail/$CALLEE"

# ---- one step --------------------------------------------------------------------------------------------------
CSV_HEAD="kind,calls,phase,ok,failed,expected,received,lost,late_gaps,max_gap_ms,mean_interval_us,wavs,wav_min_s,wav_mean_s,silent_frames,pbx_cpu_pct,cpu_per_call_pct,sipp_cpu_pct,phone_cpu_pct,other_cpu_pct,window_s,udp_drops,iowait_pct,gc_pauses,gc_max_ms,peak_answered"
echo "$CSV_HEAD" >"$CSV"
sipp_counts() { # sipp_counts STAT_FILE: "ok failed" from SIPp's last statistics line
    awk -F';' 'NR == 1 {for (i = 1; i <= NF; i++) {if ($i == "SuccessfulCall(C)") s = i; if ($i == "FailedCall(C)") f = i}; next}
               {ok = $s; fa = $f} END {print ok + 0, fa + 0}' "$1" 2>/dev/null || echo "0 0"
}
# step KIND N PHASE
step() {
    local kind="$1" n="$2" phase="$3" hold_s="$HOLD_S"
    [ "$phase" = warmup ] && hold_s=$(( (n + RATE - 1) / RATE + 10 ))
    local dir="$RUN_DIR/$kind-$phase-$n" ramp_s=$(( (n + RATE - 1) / RATE )) send_ms=$(( hold_s * 1000 - 1000 ))
    mkdir -p "$dir"
    if [ "$kind" = conf ]; then
        { echo SEQUENTIAL; for i in $(seq 0 $((n - 1))); do echo "$((PORT_A + i));$((ROOM_BASE + i / ROOM_SIZE))"; done; } >"$dir/a.csv"
    else
        { echo SEQUENTIAL; seq "$PORT_A" $((PORT_A + n - 1)); } >"$dir/a.csv"
    fi
    { echo SEQUENTIAL; seq "$PORT_B" $((PORT_B + n - 1)); } >"$dir/b.csv"
    local fifo="$dir/tell.fifo"; mkfifo "$fifo"
    local limit_s=$(( ramp_s + hold_s + BYE_MS / 1000 + 30 ))
    local phone_args=(-p "$PORT_A:$n" -f "$fifo" -d "$send_ms" -t "$limit_s" -o "$dir/rtp.csv")
    [ "$kind" = relay ] || [ "$kind" = rec ] && phone_args+=(-r "$PORT_B:$n")
    if [ "$kind" = rec ]; then console "pbx:rec-policy-set extension $CALLER always" >"$dir/policy.txt"; fi
    $(pin "$GEN_CPUS") "$PHONE" "${phone_args[@]}" 2>"$dir/rtp-phone.log" &
    local phone=$!; BG_PIDS="$BG_PIDS $phone"
    local service="$CALLEE" sf="$dir/uac.xml" uas=""
    case "$kind" in
        relay|rec) sed -e "s|@CALLER@|$CALLER|g; s|@FIFO@|$fifo|g; s|@HOLD_MS@|$((hold_s * 1000))|g" "$SCEN/apps-uac-talk.xml" >"$sf" ;;
        conf) # the room of each participant from the -inf file's second field
            sed -e "s|@CALLER@|$CALLER|g; s|@FIFO@|$fifo|g; s|@HOLD_MS@|$((hold_s * 1000))|g; s|\[service\]|[field1]|g" \
                "$SCEN/apps-uac-talk.xml" >"$sf" ;;
        vm) service="$VM_NUMBER"
            sed -e "s|@CALLER@|$CALLER|g; s|@FIFO@|$fifo|g; s|@HOLD_MS@|$((hold_s * 1000))|g" "$SCEN/apps-uac-talk.xml" >"$sf" ;;
        ivr) service="$IVR_NUMBER"
            sed -e "s|@CALLER@|$CALLER|g; s|@WAIT_MS@|$((hold_s * 1000 + 1000))|g; s|@DTMF_PCAP@|$DTMF_PCAP|g; s|@BYE_MS@|$BYE_MS|g" \
                "$SCEN/apps-uac-ivr.xml" >"$sf" ;;
    esac
    local sipp_limit=$(( ramp_s + hold_s + BYE_MS / 1000 + 20 ))
    if [ "$kind" = relay ] || [ "$kind" = rec ]; then
        (cd "$dir" && exec timeout $((sipp_limit + 10)) $(pin "$GEN_CPUS") "$SIPP" -sf "$SCEN/apps-uas.xml" -inf b.csv -m "$n" -t u1 \
            -i 127.0.0.1 -p "$UAS_PORT" -s "$CALLEE" -timeout "${sipp_limit}s" -nostdin -trace_stat -stf uas-stat.csv \
            -trace_err -error_file uas-errors.log -buff_size 4194304 >uas.stdout 2>uas.stderr) &
        uas=$!; BG_PIDS="$BG_PIDS $uas"
    fi
    local drops0 t0 c0 m0
    drops0="$(rcvbuf_errors)"
    (cd "$dir" && exec timeout $((sipp_limit + 10)) $(pin "$GEN_CPUS") "$SIPP" 127.0.0.1:5060 -sf "$sf" -inf a.csv -m "$n" -l "$n" \
        -r "$RATE" -t u1 -i 127.0.0.1 -p "$UAC_PORT" -mp "$SIPP_MEDIA_PORT" -s "$service" -au "$CALLER" -ap "$CALLER_PW" \
        -timeout "${sipp_limit}s" -timeout_error -nostdin -default_behaviors all,-bye -trace_stat -stf uac-stat.csv -fd 1 \
        -trace_err -error_file uac-errors.log -buff_size 4194304 >uac.stdout 2>uac.stderr) &
    local uac=$!; BG_PIDS="$BG_PIDS $uac"
    t0="$(date +%s)"
    # the window where all N calls are up: after the set-up (+1 s) until 1 s before the first hangs up
    sleep $((ramp_s + 1))
    local sipps; sipps="$(for p in $uac $uas; do pgrep -P "$p"; done 2>/dev/null | tr '\n' ' ' || true)"
    local w_s=$(( hold_s - ramp_s - 2 ))
    if [ "$JFR" -eq 1 ] && [ "$phase" = step ]; then
        timeout 30 jcmd "$PB_PID" JFR.start name="$kind-$n" settings=profile duration="${w_s}s" filename="$dir/pbx.jfr" >/dev/null 2>&1 || log "WARNING: JFR.start failed"
    fi
    local gc0; gc0="$(wc -l <"$RUN_DIR/pbx-gc.log")"
    c0="$(cpu_ticks "$PB_PID") $(cpu_ticks $sipps) $(cpu_ticks "$phone")"; m0="$(machine_ticks)"
    sleep "$w_s"
    local c1 m1; c1="$(cpu_ticks "$PB_PID") $(cpu_ticks $sipps) $(cpu_ticks "$phone")"; m1="$(machine_ticks)"
    # the collector's pauses in the window: a pause holds every stream of the PBX at once
    local gc; gc="$(tail -n +"$((gc0 + 1))" "$RUN_DIR/pbx-gc.log" | awk '/ Pause .*ms$/ {n++; v = $NF + 0; if (v > m) m = v} END {printf "%d,%.0f", n, m}')"
    if [ "$phase" = step ]; then console "pbx:media-list" >"$dir/media-list.txt"; fi
    wait "$uac" 2>/dev/null || true
    [ -z "$uas" ] || wait "$uas" 2>/dev/null || true
    sleep 2; kill "$phone" 2>/dev/null || true; wait "$phone" 2>/dev/null || true
    BG_PIDS="$(echo "$BG_PIDS" | tr ' ' '\n' | grep -v -x -e "$phone" -e "$uac" -e "${uas:-x}" | tr '\n' ' ' || true)"
    local drops1; drops1="$(rcvbuf_errors)"
    read -r ok failed <<<"$(sipp_counts "$dir/uac-stat.csv")"
    if [ -n "$uas" ]; then
        read -r uok ufailed <<<"$(sipp_counts "$dir/uas-stat.csv")"
        [ $((n - uok)) -le "$failed" ] || failed=$((n - uok))   # calls the callee did not finish
    fi
    # RTP: relay: what one side sent the other received; ivr: the prompt, HOLD s at 50 packets/s per call
    local rtp="0 0 0 0 0 0"
    if [ -f "$dir/rtp.csv" ]; then
        rtp="$(awk -F, -v kind="$kind" -v n="$n" -v exp_call=$((hold_s * 50)) '
            NR == 1 {next}
            {sent += $3; recv += $4; late += $9; miss += $10; if ($8 > mg) mg = $8; if ($4 > 1) {iv += ($7 - $6) / ($4 - 1); ni++}
             if (kind == "ivr" && $4 < exp_call) short += exp_call - $4; seen++}
            END {
                if (kind == "relay" || kind == "rec") {e = sent; l = sent - recv}
                else if (kind == "ivr") {e = n * exp_call; l = short + (n - seen) * exp_call}
                else if (kind == "conf") {e = recv + miss; l = miss + (n - seen) * exp_call}
                else {e = sent; l = 0}
                printf "%d %d %d %d %.1f %.0f", e, recv, l, late, mg / 1000, ni ? iv / ni : 0
            }' "$dir/rtp.csv")"
    fi
    # calls answered and up at the same time, at the peak: from each call's first and last packet at rtp-phone
    # (voicemail: the greeting's first packet + the hold); below N when the set-up fell behind the rate
    local peak=0
    if [ -f "$dir/rtp.csv" ]; then
        peak="$(awk -F, -v k="$kind" -v h="$hold_s" 'NR > 1 && $2 == "told" && $4 > 0 {printf "%.0f 1\n%.0f -1\n", $6, k == "vm" ? $6 + h * 1e6 : $7}' "$dir/rtp.csv" |
            sort -n -k1,1 -k2,2n | awk '{c += $2; if (c > m) m = c} END {print m + 0}')"
    fi
    # voicemail: the messages, once the last has been stored
    local wav="0 0 0 0 0"
    if [ "$kind" = vm ]; then
        local before=-1 now
        for _ in $(seq 1 30); do
            now="$(find "$VM_DIR" -name 'msg-*.wav' 2>/dev/null | wc -l)"
            [ "$now" -ge "$ok" ] && [ "$now" = "$before" ] && break
            before="$now"; sleep 1
        done
        java "$BENCH/apps/WavCheck.java" "$VM_DIR" >"$dir/wavs.csv" 2>"$dir/wavcheck.log" || true
        wav="$(awk -F, 'NR > 1 {n++; s += $2; if (min == "" || $2 < min) min = $2; sil += $5; tone += $4}
            END {printf "%d %.2f %.2f %d %d", n, min + 0, n ? s / n : 0, sil, tone}' "$dir/wavs.csv")"
        console "pbx:vm-delete $CALLEE all" >"$dir/vm-delete.txt"
        find "$VM_DIR" -name 'msg-*.wav' -delete 2>/dev/null || true
    fi
    # recorded calls: every stereo file, once the last is closed; each channel holds one party's 1 kHz tone
    if [ "$kind" = rec ]; then
        console "pbx:rec-policy-remove extension $CALLER" >>"$dir/policy.txt"
        local before=-1 now
        for _ in $(seq 1 30); do
            now="$(find "$REC_DIR" -name '*.wav' -newer "$dir/a.csv" 2>/dev/null | wc -l)"
            [ "$now" -ge "$ok" ] && [ "$now" = "$before" ] && break
            before="$now"; sleep 1
        done
        java "$BENCH/apps/WavCheck.java" "$REC_DIR" '.*\.wav' >"$dir/wavs.csv" 2>"$dir/wavcheck.log" || true
        wav="$(awk -F, 'NR > 1 {n++; s += $2; if (min == "" || $2 < min) min = $2; sil += $5; tone += $4}
            END {printf "%d %.2f %.2f %d %d", n, min + 0, n ? s / n : 0, sil, tone}' "$dir/wavs.csv")"
        find "$REC_DIR" -name '*.wav' -delete 2>/dev/null || true
    fi
    if [ "$JFR" -eq 1 ] && [ "$phase" = step ] && [ -f "$dir/pbx.jfr" ]; then
        jfr print --events jdk.ExecutionSample "$dir/pbx.jfr" 2>/dev/null |
            awk '/stackTrace = \[/ {getline; sub(/^[ \t]+/, ""); sub(/line:.*/, ""); c[$0]++; n++}
                 END {for (k in c) printf "%6.1f%% %s\n", 100 * c[k] / n, k}' | sort -rn | head -30 >"$dir/pbx-top-frames.txt" || true
    fi
    local row
    row="$(awk -v c0="$c0" -v c1="$c1" -v m0="$m0" -v m1="$m1" -v hz="$CLK_TCK" -v n="$n" -v w="$w_s" 'BEGIN {
        split(c0, a, " "); split(c1, b, " "); split(m0, x, " "); split(m1, y, " ")
        pbx = 100 * (b[1] - a[1]) / hz / w; sipp = 100 * (b[2] - a[2]) / hz / w; ph = 100 * (b[3] - a[3]) / hz / w
        busy = 100 * (y[1] - x[1]) / hz / w
        printf "%.1f,%.3f,%.1f,%.1f,%.1f,%.1f", pbx, pbx / n, sipp, ph, busy - pbx - sipp - ph, 100 * (y[2] - x[2]) / hz / w }')"
    read -r e r l late mg iv <<<"$rtp"
    read -r wn wmin wmean wsil wtone <<<"$wav"
    # voicemail: every frame sent after the greeting and beep (what the caller heard, counted by rtp-phone, comes
    # before the recording starts) should be a tone frame in a WAV; short = frames missing, beyond one per call
    if [ "$kind" = vm ]; then
        e=$((e - r)); l=$((e - wtone - n)); [ "$l" -ge 0 ] || l=0; l=$((l + wsil)); r="$wtone"
    fi
    IFS=, read -r pbx per sippc phc other iow <<<"$row"
    echo "$kind,$n,$phase,$ok,$failed,$e,$r,$l,$late,$mg,$iv,$wn,$wmin,$wmean,$wsil,$pbx,$per,$sippc,$phc,$other,$w_s,$((drops1 - drops0)),$iow,$gc,$peak" >>"$CSV"
    log "$kind $phase N=$n: ok $ok failed $failed, peak answered $peak; RTP expected $e received $r lost $l, gaps >40 ms $late (max $mg ms); wavs $wn (min ${wmin}s, silent frames $wsil); PBX CPU ${pbx}% = ${per}%/call"
    sleep "$PAUSE_S"
}

START_TS="$(date +%s)"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$WARMUP_CALLS" -gt 0 ]; then
    for k in $KINDS; do log "warm-up: $k, $WARMUP_CALLS calls"; step "$k" "$WARMUP_CALLS" warmup; done
fi
for n in $CALLS; do
    for k in $KINDS; do log "step: $k, $n concurrent calls, hold ${HOLD_S}s"; step "$k" "$n" step; done
done
register 0 "$RUN_DIR/unregister" || log "WARNING: unregistering $CALLEE failed"
console "pbx:ivr-list" >"$RUN_DIR/ivr-list.txt"
ELAPSED=$(( $(date +%s) - START_TS ))

# ---- report ------------------------------------------------------------------------------------------------------
RESULT_MD="$OUT/media-apps-results.md"
{
    echo "# Media applications, $RUN_ID"
    echo
    echo "- Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), kernel $(uname -r), $(java -version 2>&1 | head -1); load average before: $LOAD_BEFORE"
    if [ -n "$CPUS" ]; then echo "- CPUs: SIPp and rtp-phone on $GEN_CPUS, the PBX on $PBX_CPUS (CPUS=$CPUS, taskset)"; else echo "- CPUs: not pinned"; fi
    echo "- PBX: $ASSEMBLY (copy in $PB_HOME), local media engine, pid $PB_PID; calls set up at $RATE/s, held ${HOLD_S}s; warm-up $WARMUP_CALLS calls per kind (unscored)"
    echo "- relay: $CALLER -> $CALLEE, PCMU 20 ms both ways; ivr: $IVR_NUMBER, a ${HOLD_S}s 1 kHz prompt then digit 5 (RFC 4733, SIPp pcap); vm: $VM_NUMBER, ${GREETING_MS} ms greeting, $((HOLD_S - 1))s of 1 kHz sent"
    echo "- Run time ${ELAPSED}s; raw files in bench/out/runs/apps-$RUN_ID/"
    echo
    echo "CPU: percent of one core, over the ${HOLD_S}s hold minus set-up, while all N calls are up. *per call* = PBX CPU / N;"
    echo "*other* = the rest of the machine's busy time (other processes, and the kernel's loopback delivery: softirq); iowait apart in the CSV."
    echo "*peak answered* = the most calls answered and up at once (from each call's packets); below N, the set-up fell behind and the CPU window did not hold N calls."
    echo "*x relay* = per call / the relay's per call at the same N. Lost: relay = packets sent by one side and not received by the other;"
    echo "ivr = prompt packets short of ${HOLD_S}s x 50 per call; vm: expected = frames sent after the greeting and beep (sent minus"
    echo "the packets the caller heard, 20 ms each), received = 1 kHz frames in the stored WAVs, lost = frames missing beyond one per call (the"
    echo "edges) plus silent frames inside the tone (the recorder fills a lost packet with silence by RTP timestamp)."
    echo "rec: the relay's calls recorded in stereo; lost = RTP as for the relay; WAVs counts channels (2 per call), silent frames inside"
    echo "the tone of any channel are in the CSV (silent_frames): audio lost in the files."
    echo "conf: N participants in rooms of $ROOM_SIZE ($ROOM_BASE, ...), each sending 1 kHz and receiving the room's mix; expected = mix"
    echo "packets received + sequence numbers missing in them, lost = missing; *calls* and CPU per call are per participant."
    echo
    echo "| scenario | concurrent calls | peak answered | ok | failed | RTP expected | received | lost | gaps > 40 ms | max gap ms | GC pauses (max ms) | WAVs (min s / mean s) | PBX CPU % | CPU per call % | x relay | SIPp+phone CPU % | other % | UDP drops |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---:|---:|---:|---:|---:|---:|"
    awk -F, 'NR > 1 && $3 == "step" && $1 == "relay" {ref[$2] = $17}
             NR > 1 && $3 == "step" {row[++k] = $0}
             END {for (i = 1; i <= k; i++) {split(row[i], f, ",")
                 lost = f[8]
                 wav = f[1] == "vm" || f[1] == "rec" ? f[12] " (" f[13] " / " f[14] ")" : "-"
                 x = (f[2] in ref && ref[f[2]] > 0) ? sprintf("%.2f", f[17] / ref[f[2]]) : "-"
                 printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s (%s) | %s | %s | %s | %s | %.1f | %s | %s |\n",
                     f[1], f[2], f[26], f[4], f[5], f[6], f[7], lost, f[9], f[10], f[24], f[25], wav, f[16], f[17], x, f[18] + f[19], f[20], f[22]}}' "$CSV"
} >"$RESULT_MD"
cp "$CSV" "$OUT/media-apps-results.csv"
cp "$RESULT_MD" "$RUN_DIR/"
cat "$RESULT_MD"
