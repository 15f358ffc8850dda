#!/usr/bin/env bash
# Call forwarding end to end with real softphones: three headless baresip instances register as demo extensions
# 1001, 1002 and 1003 to the real distribution, which gets the pbx-forwarding feature installed while it runs.
#   1. Unconditional (pbx:fwd-set 1002 cfu 1003): 1001 calls 1002, 1003 answers by itself, 1002 never sees an
#      INVITE. 1001 received the 181 with Call-Info `purpose=forwarding, username="1002", contact="1003"` (byte for
#      byte, from 1001's own SIP trace), 1003 the INVITE with Diversion reason=unconditional.
#   2. On no answer (pbx:fwd-set 1002 cfnr 1003 --timeout 3): 1002 rings (it does not answer by itself), is
#      cancelled, 1003 answers; the CDR's answer is at least 3 s after the call's start (the no-answer timer runs
#      from the INVITE to 1002, not from its 180, so ringing-to-answer can be a few ms short); the 181 and Diversion
#      (reason=no-answer) as above.
# For each call: the offer to 1003 names the relay at the PBX's address that reaches 1003, the relay latched to both
# phones, the audio crossed the relay both ways (1001 sends 440 Hz, 1003 660 Hz; each one's recording of what it
# received holds the other's tone), and pbx:cdr-show names callee 1002, forwarded to 1003, answered by 1003's device.
#
# Each phone runs in a network namespace this script creates (see lib/baresip.sh):
#   pb-a 10.231.11.2 (1001)   pb-b 10.231.12.2 (1002)   pb-c 10.231.13.2 (1003), each behind root 10.231.N.1/30
# Ports: SIP 45070, ssh 48111, RMI 41109/44455. Everything is torn down on exit, also on failure.
#
# Needs root (ip netns) and the Debian packages baresip-core (1.0.0), iproute2, sox.
# Usage: itests/e2e/baresip-forwarding.sh [--build] [--keep]
#   --build  rebuild the distribution first (it is built only when karaf-assembly/target has no tarball)
#   --keep   keep the work folder (Karaf logs, baresip logs and recordings) and print where it is
set -euo pipefail
cd "$(dirname "$0")/../.."

e2e_name=baresip-forwarding.sh; e2e_seconds=170
sip_port=45070; ssh_port=48111; rmi_registry_port=41109; rmi_server_port=44455
. itests/e2e/lib/baresip.sh
e2e_options "$@"
e2e_begin
e2e_netns a 11; e2e_netns b 12; e2e_netns c 13
e2e_pbx_start

e2e_phone a 1001 manual 440 trace
e2e_phone b 1002 manual 880 trace
e2e_phone c 1003 auto 660 trace
wait_for 15 "registered a b c" || true
check "pbx:reg-list shows 1001, 1002 and 1003 at their namespaces' addresses (baresip)" "reg_ok a b c"

echo "feature:install pbx-forwarding: $(console "feature:install pbx-forwarding")"
fwd_ready() { ! console "pbx:fwd-list" | grep -qiE "not found|Error"; }
check "pbx-forwarding installed into the running distribution (pbx:fwd-list answers)" 'wait_for 20 fwd_ready'

# --- helpers on the phones' logs -------------------------------------------------------------------------------
# newest_cdr: the short id of 1001's newest CDR
newest_cdr() { console "pbx:cdr-list --caller 1001 --limit 1" | awk -F'|' '$2 ~ /[0-9a-f]/ && $3 ~ /1001/ { gsub(/ /, "", $2); print $2; exit }'; }
# offset_ms <cdr-show time>: "+S.mmm s" offset of a time in pbx:cdr-show, in milliseconds
offset_ms() { sed -n 's/.*(+\([0-9]*\)\.\([0-9]*\) s).*/\1\2/p' <<<"$1" | sed 's/^0*//;s/^$/0/'; }
# keep_audio <name>: moves each phone's recordings of the call that just ended to audio/<name>/
keep_audio() { local k; for k in "${keys[@]}"; do mkdir -p "$work/$k/audio/$1"; mv "$work/$k/audio/"*.wav "$work/$k/audio/$1/" 2>/dev/null || true; done; }

# forwarded_call <name> <reason>: 1001 calls 1002 with the current forwarding set, the call reaches 1003; checks
# what every forwarded call must show (what 1002 saw is checked by the caller of this function).
call_info='Call-Info: purpose=forwarding, username="1002", contact="1003"'
forwarded_call() {
  local name=$1 reason=$2 m181 cinfo invite_c id show calls media
  echo "baresip 1001 dial: $(ctrl a '{"command":"dial","params":"1002","token":"dial"}' || true)"
  check "[$name] 1001 and 1003 report the call established" 'wait_for 15 "established a c"'
  calls=$(console "pbx:call-list")
  check "[$name] pbx:call-list shows 1001 -> 1003 CONNECTED, its callee leg at 1003's device" \
    'grep -E "^ *[0-9a-f]+ *\| 1001 *\| 1003 *\| CONNECTED" <<<"$calls" >/dev/null && grep -E "callee *\| CONNECTED *\| 1003 *\| ${ip[c]}:5060" <<<"$calls" >/dev/null'
  m181=$(message a '^SIP/2\.0 181 ')
  cinfo=$(grep -a '^Call-Info:' <<<"$m181" || true)
  check "[$name] 1001 received a 181 whose Call-Info is, byte for byte, '$call_info'" '[ "$cinfo" = "$call_info$cr" ]'
  invite_c=$(message c '^INVITE sip:1003')
  check "[$name] the offer to 1003 names the relay at ${root_ip[c]}, the PBX's address that reaches 1003" \
    'grep -aq "^c=IN IP4 ${root_ip[c]}$cr\$" <<<"$invite_c"'
  check "[$name] 1003's INVITE carries Diversion <sip:1002@...>;reason=$reason;counter=1" \
    'grep -aqE "^Diversion: <sip:1002@[^>]*>;reason=$reason;counter=1$cr\$" <<<"$invite_c"'
  check "[$name] pbx:media-list shows the relay latched to 1001 and to 1003, packets in from both" 'wait_for 10 "talked 1 a c"'
  # talk: at least 3 s of audio from each phone through the relay (the tone checks need 2 s of recording)
  check "[$name] the relay got 150 packets (3 s) from 1001 and from 1003" 'wait_for 15 "talked 150 a c"'
  echo "baresip 1001 hangup: $(ctrl a '{"command":"hangup","token":"hangup"}' || true)"
  check "[$name] after 1001 hangs up pbx:call-list says No live calls." 'wait_for 10 released'
  id=$(newest_cdr); show=$(console "pbx:cdr-show ${id:-none}")
  echo "--- [$name] pbx:call-list during the call"; echo "$calls"
  echo "--- [$name] pbx:media-list during the call"; echo "$media"
  echo "--- [$name] 181 as 1001 received it"; tr -d '\r' <<<"$m181"
  echo "--- [$name] pbx:cdr-show $id"; echo "$show"
  check "[$name] pbx:cdr-show: caller 1001, callee 1002, forwarded to 1003, answered by 1003 at ${ip[c]}, ANSWERED" \
    '[ "$(field Caller "$show")" = 1001 ] && [ "$(field Callee "$show")" = 1002 ] && [ "$(field "Final callee" "$show")" = 1003 ] &&
     [[ "$(field "Answered by" "$show")" == 1003@${ip[c]}:* ]] && [ "$(field Disposition "$show")" = ANSWERED ]'
  cdr_show=$show
  keep_audio "$name"
  recordings "$work"/a/audio/"$name"/*.wav "$work"/c/audio/"$name"/*.wav
  local dec_a dec_c
  dec_a=$(ls "$work"/a/audio/"$name"/*dec*.wav 2>/dev/null | head -1 || true)
  dec_c=$(ls "$work"/c/audio/"$name"/*dec*.wav 2>/dev/null | head -1 || true)
  check "[$name] 1001 heard 1003's 660 Hz tone through the relay" 'tone "$dec_a" 660'
  check "[$name] 1003 heard 1001's 440 Hz tone through the relay" 'tone "$dec_c" 440'
}

# --- 1. unconditional ------------------------------------------------------------------------------------------
out=$(console "pbx:fwd-set 1002 cfu 1003"); echo "pbx:fwd-set 1002 cfu 1003: $out"
check "pbx:fwd-list 1002 shows cfu 1003" 'console "pbx:fwd-list 1002" | grep -i cfu | grep -q 1003 || console "pbx:fwd-list 1002" | grep -q 1003'
mark_logs
forwarded_call cfu unconditional
check "[cfu] 1002 never rang: no INVITE reached it, no incoming call in its log" \
  '! since b | grep -aqE "^INVITE sip:|Incoming call"'

# --- 2. on no answer -------------------------------------------------------------------------------------------
echo "pbx:fwd-clear 1002 cfu: $(console "pbx:fwd-clear 1002 cfu")"
echo "pbx:fwd-set 1002 cfnr 1003 --timeout 3: $(console "pbx:fwd-set 1002 cfnr 1003 --timeout 3")"
mark_logs
forwarded_call cfnr no-answer
check "[cfnr] 1002 rang (INVITE received, 'Incoming call' in its log) and was cancelled" \
  'since b | grep -aq "^INVITE sip:1002" && since b | grep -aq "Incoming call from" && since b | grep -aq "^CANCEL sip:1002"'
ring_ms=$(offset_ms "$(field Ringing "$cdr_show")"); answer_ms=$(offset_ms "$(field Answer "$cdr_show")")
echo "ringing at +${ring_ms:-?} ms, answered at +${answer_ms:-?} ms"
# The no-answer timer starts as the INVITE goes to 1002 (just after the call's start), not at 1002's 180: under
# load a 180 that takes 50 ms would make ringing-to-answer 2.95 s while 1002 did ring its full 3 s.
check "[cfnr] 1002 rang first, and the answer came at least 3 s after the call's start (1002's own no-answer time)" \
  '[ -n "$ring_ms" ] && [ -n "$answer_ms" ] && [ "$ring_ms" -lt 1000 ] && [ "$answer_ms" -ge 3000 ]'

e2e_finish
