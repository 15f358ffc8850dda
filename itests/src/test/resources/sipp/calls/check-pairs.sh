#!/usr/bin/env bash
# Plays each caller scenario against its callee scenario through Kamailio (bench/kamailio/kamailio-proxy.cfg, a
# record-routing proxy that challenges INVITE with 407 and REGISTER with 401, realm "plugboard", password
# demo<N>pw) on 127.0.0.1, without the PBX. Proves the scenarios are well-formed and agree with each other,
# not that the PBX is right. See README.md here.
#
# Usage: check-pairs.sh [PAIR...]   (default: all; names as listed in PAIRS below)
# Environment: KAM_PORT (15099), UAC_PORT (15091), UAS_PORT (15092), SIPP (sipp), KEEP=1 keeps the work dir.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(cd "$HERE/../../../../../.." && pwd)"
KAM_CFG="$REPO/bench/kamailio/kamailio-proxy.cfg"
SIPP="${SIPP:-sipp}"
KAM_PORT="${KAM_PORT:-15099}"
UAC_PORT="${UAC_PORT:-15091}"
UAS_PORT="${UAS_PORT:-15092}"
WORK="$(mktemp -d /tmp/sipp-calls.XXXXXX)"
PROXY="127.0.0.1:$KAM_PORT"

# Pairs that leave retransmissions behind (aborted calls) come last.
# name | caller scenario | caller extras | callee scenario ("-" = none) | callee extras | expected exits "uac uas"
# (X: any)
# @FINAL@ is replaced in the copies, like the Java harness does. Kamailio is a proxy, not a B2BUA: it does not add
# "Supported: 100rel" like the PBX does, so uas-answer's check needs a caller that offers it (+100rel: added to
# the copy of the caller scenario).
PAIRS=(
    "call|uac-call.xml|-key hold_ms 300 +100rel|uas-answer.xml||0 0"
    "callee-hangs-up|uac-call-callee-hangs-up.xml||uas-answer-then-bye.xml|-key hold_ms 300|0 0"
    "reject-486|uac-expect-final.xml|FINAL=486|uas-reject.xml|FINAL=486|0 0"
    "reject-480|uac-expect-final.xml|FINAL=480|uas-reject.xml|FINAL=480|0 0"
    "not-registered-404|uac-expect-final.xml|FINAL=404|-||0 -"
    "cancel|uac-cancel.xml||uas-ring-no-answer.xml||0 0"
    "183-then-180|uac-call.xml|-key hold_ms 300|uas-183-then-180.xml||0 0"
    "180-with-sdp|uac-call.xml|-key hold_ms 300|uas-180-with-sdp.xml||0 0"
    "100rel|uac-100rel-required.xml|-key hold_ms 300|uas-100rel.xml||0 0"
    "hold|uac-hold.xml|-key hold_ms 300|uas-hold.xml||0 0"
    "update|uac-update.xml|-key hold_ms 300|uas-update.xml||0 0"
    "no-response-408|uac-expect-final.xml|FINAL=408|uas-no-response.xml|-key silence_ms 8000|0 0"
    "tel-uri|uac-call-tel.xml|-key hold_ms 300 +100rel|uas-answer.xml||0 0"
    # Kamailio does not look at SDP: only the flow is checked here (no callee: 404); the PBX answers 488
    "bad-sdp-flow|uac-bad-sdp.xml|FINAL=404|-||0 -"
    # check/: stand-ins for what the PBX does and a proxy does not. A proxy relays the callee's late 200 to the
    # caller (the PBX answers the caller 487 and ACKs and BYEs the callee itself); the PBX sends a caller that
    # requires 100rel one reliable 18x after the other.
    "answer-despite-cancel|check/uac-cancel-late-200.xml||uas-answer-despite-cancel.xml||0 0"
    "100rel-twice|uac-100rel-required.xml|-key hold_ms 300|check/uas-100rel-twice.xml||0 0"
    # the callee plays its part (183, PRACK -> 405, 200); a caller that requires 100rel fails on the 405, and then
    # the callee on the missing ACK: through the PBX (a B2BUA) the PBX does the PRACK instead
    "100rel-prack-405|uac-100rel-required.xml|-key hold_ms 300|uas-100rel-prack-405.xml||1 255"
    # negative controls: a check must fail
    "unreliable-18x-fails|uac-100rel-required.xml|-key hold_ms 300|uas-183-then-180.xml||1 X"
    "wrong-final-fails|uac-expect-final.xml|FINAL=486|uas-reject.xml|FINAL=603|1 0"
    "no-100rel-fails|uac-call.xml|-key hold_ms 300|uas-answer.xml||0 1"
)

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
KAM_PID=""
UAS_PID=""
cleanup() {
    [ -n "$UAS_PID" ] && kill "$UAS_PID" 2>/dev/null || true
    if [ -n "$KAM_PID" ]; then kill "$KAM_PID" 2>/dev/null || true; wait "$KAM_PID" 2>/dev/null || true; fi
    [ "${KEEP:-0}" = 1 ] && log "work dir kept: $WORK" || rm -rf "$WORK"
}
trap cleanup EXIT

for p in "$KAM_PORT" "$UAC_PORT" "$UAS_PORT"; do
    if ss -H -lun "sport = :$p" | grep -q .; then log "UDP port $p is taken"; exit 2; fi
done

mkdir -p "$WORK/kamailio"
kamailio -DD -E -f "$KAM_CFG" -Y "$WORK/kamailio" -P "$WORK/kamailio/k.pid" -m 64 -M 8 \
    -A "BENCH_PORT=$KAM_PORT" -A "BENCH_CHILDREN=2" >"$WORK/kamailio/kamailio.log" 2>&1 &
KAM_PID=$!
for _ in $(seq 1 20); do ss -H -lun "sport = :$KAM_PORT" | grep -q . && break; sleep 0.25; done

# copy SCENARIO into DIR with @FINAL@ replaced (and Supported: 100rel added if asked); prints the copy's path
prepare() {
    local src="$HERE/$1" dir="$2" final="$3" add100rel="$4" dst="$2/${1##*/}"
    sed "s/@FINAL@/${final:-200}/g" "$src" >"$dst"
    [ "$add100rel" = 1 ] && sed -i 's/^\(      \)Allow: INVITE, ACK/\1Supported: 100rel\n&/' "$dst"
    echo "$dst"
}
# registration of the callee's port through ../register.xml, as the Java harness does; prints SIPp's exit
register() {
    local dir="$1" expires="$2" rc=0
    sed 's/@FINAL@/200/' "$HERE/../register.xml" >"$dir/register.xml"
    (cd "$dir" && timeout 20 "$SIPP" "$PROXY" -sf register.xml -m 1 -t u1 -i 127.0.0.1 -p "$UAS_PORT" -s 1002 \
        -au 1002 -ap demo1002pw -key expires "$expires" -timeout 8s -timeout_error -nostdin \
        -trace_msg -message_file "reg-$expires.log" >/dev/null 2>&1) || rc=$?
    echo "$rc"
}
# split "FINAL=486 -key a b +100rel" into final, 100rel flag and the remaining SIPp arguments
parse_extras() {
    FINAL=""; ADD100REL=0; ARGS=()
    for w in $1; do
        case "$w" in FINAL=*) FINAL="${w#FINAL=}" ;; +100rel) ADD100REL=1 ;; *) ARGS+=("$w") ;; esac
    done
}

run_pair() {
    local name uac uac_x uas uas_x expect
    IFS='|' read -r name uac uac_x uas uas_x expect <<<"$1"
    local dir="$WORK/$name"; mkdir -p "$dir"
    local exp_uac="${expect% *}" exp_uas="${expect#* }" rc_uac=0 rc_uas="-" reg_rc=0 unreg_rc=0
    if [ "$uas" != "-" ]; then
        reg_rc="$(register "$dir" 3600)"
        parse_extras "$uas_x"
        local uas_sf; uas_sf="$(prepare "$uas" "$dir" "$FINAL" 0)"
        (cd "$dir" && exec timeout 40 "$SIPP" -sf "$uas_sf" -m 1 -t u1 -i 127.0.0.1 -p "$UAS_PORT" -s 1002 \
            "${ARGS[@]}" -timeout 30s -timeout_error -nostdin -trace_msg -message_file uas.log \
            -trace_err -error_file uas-errors.log >uas.screen 2>&1) &
        UAS_PID=$!
        for _ in $(seq 1 20); do ss -H -lun "sport = :$UAS_PORT" | grep -q . && break; sleep 0.1; done
    fi
    parse_extras "$uac_x"
    local uac_sf; uac_sf="$(prepare "$uac" "$dir" "$FINAL" "$ADD100REL")"
    (cd "$dir" && timeout 40 "$SIPP" "$PROXY" -sf "$uac_sf" -m 1 -t u1 -i 127.0.0.1 -p "$UAC_PORT" -s 1002 \
        -au 1001 -ap demo1001pw -key caller 1001 "${ARGS[@]}" -timeout 30s -timeout_error -nostdin \
        -trace_msg -message_file uac.log -trace_err -error_file uac-errors.log >uac.screen 2>&1) || rc_uac=$?
    if [ "$uas" != "-" ]; then
        rc_uas=0; wait "$UAS_PID" || rc_uas=$?; UAS_PID=""
        unreg_rc="$(register "$dir" 0)"
    fi
    local verdict=ok
    [ "$rc_uac" = "$exp_uac" ] || verdict=FAIL
    [ "$uas" = "-" ] || [ "$exp_uas" = X ] || [ "$rc_uas" = "$exp_uas" ] || verdict=FAIL
    [ "$reg_rc" = 0 ] && [ "$unreg_rc" = 0 ] || verdict=FAIL
    printf '%-22s %-30s exit %-3s (want %s)   %-30s exit %-3s (want %s)   register %s/%s   %s\n' \
        "$name" "${uac##*/}" "$rc_uac" "$exp_uac" "${uas##*/}" "$rc_uas" "$exp_uas" "$reg_rc" "$unreg_rc" "$verdict"
    flows "$dir"
    [ "$verdict" = ok ]
}
# one line per party: the start lines it exchanged, > sent, < received
flows() {
    local f
    for f in uac uas; do
        [ -s "$1/$f.log" ] || continue
        awk -v who="$f" '/message sent/ {d=">"} /message received/ {d="<"}
            /^(SIP\/2\.0 [0-9]+|[A-Z]+ [^ ]+ SIP\/2\.0)/ && d != "" {
                if ($1 == "SIP/2.0") s = s " " d $2; else s = s " " d $1; d = "" }
            END {print "    " who ":" s}' "$1/$f.log"
    done
}

want=("$@")
failed=0
for pair in "${PAIRS[@]}"; do
    name="${pair%%|*}"
    if [ ${#want[@]} -gt 0 ] && ! printf '%s\n' "${want[@]}" | grep -qx "$name"; then continue; fi
    run_pair "$pair" || failed=$((failed + 1))
done
[ "$failed" -eq 0 ] && log "all pairs as expected" || log "$failed pair(s) not as expected; KEEP=1 keeps the logs"
exit "$failed"
