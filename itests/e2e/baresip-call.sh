#!/usr/bin/env bash
# End to end with a real softphone: two headless baresip instances register as demo extensions 1001 and 1002 to
# the real distribution, 1001 calls 1002, 1002 answers by itself, 1001 hangs up after a few seconds of talk.
# Checks the registrations, the live call and its media session, its release and its CDR, and the audio: 1001
# sends a 440 Hz tone and 1002 an 880 Hz tone; each phone's recording of what it received must hold the other's
# tone (sox), which proves the media crossed the PBX's relay both ways.
#
# baresip will not put a loopback address in its SDP, so each one runs in a network namespace this script
# creates (pb-a-<pid>, pb-b-<pid>) behind a veth pair to the root namespace:
#   root 10.231.1.1/30 <-> pb-a 10.231.1.2/30 (1001)      root 10.231.2.1/30 <-> pb-b 10.231.2.2/30 (1002)
# The PBX runs in the root namespace and listens on 127.0.0.1, 10.231.1.1 and 10.231.2.1. Nothing is forwarded
# between the namespaces and neither has a route to the other: a phone can reach only the PBX, so audio that
# arrives at all came through the PBX's media relay. Everything is torn down on exit, also on failure.
#
# Needs root (ip netns) and the Debian packages baresip-core (1.0.0; or the baresip metapackage), iproute2, sox.
# Usage: itests/e2e/baresip-call.sh [--build] [--keep]
#   --build  rebuild the distribution first (it is built only when karaf-assembly/target has no tarball)
#   --keep   keep the work folder (Karaf logs, baresip logs and recordings) and print where it is
set -euo pipefail
cd "$(dirname "$0")/../.."

build=0; keep=0
for arg in "$@"; do
  case "$arg" in
    --build) build=1 ;;
    --keep) keep=1 ;;
    *) echo "usage: $0 [--build] [--keep]"; exit 2 ;;
  esac
done
if [ "$(id -u)" -ne 0 ]; then
  echo "baresip-call.sh: needs root to create network namespaces (ip netns); run it as root or with sudo"
  exit 2
fi
for tool in baresip ip timeout sox; do
  command -v "$tool" >/dev/null || { echo "baresip-call.sh: '$tool' not found (apt-get install baresip-core iproute2 sox)"; exit 2; }
done
modules=/usr/lib/baresip/modules
for m in g711 ausine sndfile account menu ctrl_tcp; do
  [ -f "$modules/$m.so" ] || { echo "baresip-call.sh: $modules/$m.so missing (apt-get install baresip-core)"; exit 2; }
done
if ip -4 addr show | grep -q 'inet 10\.231\.[12]\.'; then
  echo "baresip-call.sh: 10.231.1.0/30 or 10.231.2.0/30 is already in use here (another run?)"; ip -4 addr show | grep 'inet 10\.231\.'
  exit 2
fi

tarball=$(ls karaf-assembly/target/karaf-assembly-*.tar.gz 2>/dev/null | head -1 || true)
if [ "$build" -eq 1 ] || [ -z "$tarball" ]; then
  mvn -B -q install -DskipTests -pl '!itests'
  tarball=$(ls karaf-assembly/target/karaf-assembly-*.tar.gz | head -1)
fi

sip_port=45060; ssh_port=48101; rmi_registry_port=41099; rmi_server_port=44445
ns_a=pb-a-$$; ns_b=pb-b-$$
veth_a=pba$$; veth_b=pbb$$           # root side; the namespace side is <name>n (at most 15 characters)
ip_root_a=10.231.1.1; ip_a=10.231.1.2; ip_root_b=10.231.2.1; ip_b=10.231.2.2
ctrl_port=4444                       # baresip's ctrl_tcp, on the namespace's own loopback

work=$(mktemp -d /tmp/plugboard-baresip.XXXXXX)
home=""; pid_a=""; pid_b=""; watchdog=""; status=1

cleanup() {
  set +e
  trap - EXIT INT TERM
  [ -n "$watchdog" ] && kill "$watchdog" 2>/dev/null
  for pid in $pid_a $pid_b; do kill "$pid" 2>/dev/null; done
  for pid in $pid_a $pid_b; do
    for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  done
  if [ -n "$home" ]; then
    # Karaf's pid (karaf.pid), or any process started from this run's own copy if it did not get that far
    local kpids; kpids=$( (cat "$home/karaf.pid" 2>/dev/null; echo; pgrep -f "$home/" ) | sort -u | grep -E '^[0-9]+$')
    if [ -n "$kpids" ]; then
      timeout 20 "$home/bin/stop" >/dev/null 2>&1
      for _ in $(seq 1 40); do kill -0 $kpids 2>/dev/null || break; sleep 0.5; done
      kill -9 $kpids 2>/dev/null
    fi
  fi
  ip netns del "$ns_a" 2>/dev/null; ip netns del "$ns_b" 2>/dev/null
  ip link del "$veth_a" 2>/dev/null; ip link del "$veth_b" 2>/dev/null
  if [ "$keep" -eq 1 ]; then echo "work folder kept: $work"; else rm -rf "$work"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'echo "interrupted"; status=130; exit 130' INT TERM
# The whole run is bounded: past 115 s the watchdog ends the script (the trap still cleans up).
( trap 'kill "$sleeper" 2>/dev/null; exit 0' TERM
  sleep 115 & sleeper=$!; wait "$sleeper"; echo "baresip-call.sh: timed out after 115 s"; kill -TERM $$ ) 2>/dev/null &
watchdog=$!

# --- network: two namespaces behind veth pairs ---------------------------------------------------------------
netns() { # name veth root_ip ns_ip
  ip netns add "$1"
  ip link add "$2" type veth peer name "${2}n"
  ip link set "${2}n" netns "$1"
  ip addr add "$3/30" dev "$2"; ip link set "$2" up
  ip -n "$1" link set lo up
  ip -n "$1" addr add "$4/30" dev "${2}n"; ip -n "$1" link set "${2}n" up
  # no route to the other namespace and no forwarding: a phone reaches the PBX only
  echo 0 > "/proc/sys/net/ipv4/conf/$2/forwarding"
}
netns "$ns_a" "$veth_a" "$ip_root_a" "$ip_a"
netns "$ns_b" "$veth_b" "$ip_root_b" "$ip_b"

# --- the PBX ---------------------------------------------------------------------------------------------------
tar xzf "$tarball" -C "$work"
home=$(ls -d "$work"/karaf-assembly-*)
# 127.0.0.1 first, as in the shipped configuration: requests to each phone must leave from the address that reaches it.
listen="127.0.0.1,$ip_root_a,$ip_root_b"
sed -i "s/^port = .*/port = $sip_port/; s/^listen.addresses = .*/listen.addresses = $listen/; s/^trace = .*/trace = true/" \
  "$home/etc/org.plugboard.sip.cfg"
sed -i "s/^sshPort *= *.*/sshPort = $ssh_port/; s/^sshHost *= *.*/sshHost = 127.0.0.1/" "$home/etc/org.apache.karaf.shell.cfg"
sed -i "s/^rmiRegistryPort *= *.*/rmiRegistryPort = $rmi_registry_port/; s/^rmiServerPort *= *.*/rmiServerPort = $rmi_server_port/" \
  "$home/etc/org.apache.karaf.management.cfg"

console() {
  echo "$1" | timeout 30 "$home/bin/client" -h 127.0.0.1 -a "$ssh_port" -u karaf -p karaf -b 2>/dev/null \
    | sed 's/\x1b\[[0-9;]*m//g' | grep -v "JAVA_HOME not set" || true
}
passed=0; failed=0
check() { if eval "$2"; then passed=$((passed+1)); echo "ok: $1"; else failed=$((failed+1)); echo "FAILED: $1"; fi; }
# wait_for <seconds> <command>: true as soon as the command succeeds (polled every half second)
wait_for() {
  local end=$((SECONDS + $1)); shift
  while [ "$SECONDS" -lt "$end" ]; do eval "$1" && return 0; sleep 0.5; done
  return 1
}

"$home/bin/start"
up() { console "pbx:sip-stats" | grep -q "$ip_root_b:$sip_port"; }
if ! wait_for 60 up; then
  echo "distribution did not come up"; tail -50 "$home/data/log/karaf.log"; failed=1
  echo "e2e: $passed passed, $failed failed"; exit
fi

# --- the phones --------------------------------------------------------------------------------------------------
phone() { # dir ns veth ip ext answermode tone_hz
  mkdir -p "$1/audio"
  cat > "$1/config" <<EOF
poll_method		epoll
sip_listen		$4:5060
net_interface		${3}n
# no DNS server outside the namespace is asked anything
dns_server		127.0.0.1:53
call_local_timeout	30
call_max_calls		4
# a sine tone as microphone (ausine delivers 48 kHz stereo; baresip resamples for G.711); no audio player
audio_source		ausine,$7
ausrc_srate		48000
ausrc_channels		2
audio_buffer		20-160
rtp_ports		10000-10099
rtcp_mux		no
jitter_buffer_delay	5-10
module_path		$modules
module			g711.so
module			ausine.so
# sndfile records every call's sent and received audio to wav files in snd_path
module			sndfile.so
snd_path		$1/audio
module_tmp		account.so
module_app		menu.so
module_app		ctrl_tcp.so
ctrl_tcp_listen		127.0.0.1:$ctrl_port
EOF
  echo "<sip:$5@$ip_root_a:$sip_port;transport=udp>;auth_pass=demo${5}pw;answermode=$6" > "$1/accounts"
  [ "$5" = 1001 ] || sed -i "s/$ip_root_a/$ip_root_b/" "$1/accounts"
  ip netns exec "$2" baresip -4 -v -t 100 -f "$1" </dev/null >"$1/baresip.log" 2>&1 &
}
phone "$work/a" "$ns_a" "$veth_a" "$ip_a" 1001 manual 440; pid_a=$!
phone "$work/b" "$ns_b" "$veth_b" "$ip_b" 1002 auto 880; pid_b=$!

# ctrl <namespace> <json>: one command to baresip's ctrl_tcp (netstrings), prints the response
ctrl() {
  ip netns exec "$1" timeout 5 bash -c '
    exec 3<>/dev/tcp/127.0.0.1/'"$ctrl_port"' || exit 1
    printf "%d:%s," "${#1}" "$1" >&3
    while IFS= read -r -d : len <&3; do
      IFS= read -r -N "$((len + 1))" body <&3 || exit 1
      case "$body" in *\"response\":true*) printf "%s\n" "${body%,}"; exit 0 ;; esac
    done
    exit 1' _ "$2"
}

# baresip logs "... 200 OK (Plugboard) [1 binding]" once its REGISTER went through
registered() { grep -q "200 OK.*binding" "$work/a/baresip.log" && grep -q "200 OK.*binding" "$work/b/baresip.log"; }
wait_for 15 registered || true
reg=$(console "pbx:reg-list")
check "pbx:reg-list shows 1001 at $ip_a:5060 and 1002 at $ip_b:5060 (baresip)" \
  'grep -E "^ *1001 .*$ip_a:5060" <<<"$reg" >/dev/null && grep -E "^ *1002 .*$ip_b:5060" <<<"$reg" >/dev/null'

dial=$(ctrl "$ns_a" '{"command":"dial","params":"1002","token":"dial"}' || true)
echo "baresip 1001 dial: $dial"
# baresip logs "Call established" on both sides once the 200 OK and its ACK went through
established() { grep -q "Call established" "$work/a/baresip.log" && grep -q "Call established" "$work/b/baresip.log"; }
check "both baresips report the call established" 'wait_for 10 established'
calls=$(console "pbx:call-list")
# Call | Caller | Callee | State | Age | Leg | Leg state | Peer | Target; the call's first row is its caller leg
call_ok() { awk -F'|' '
    { for (i = 1; i <= NF; i++) gsub(/^ +| +$/, "", $i) }
    $2 == "1001" && $3 == "1002" && $4 == "CONNECTED" && $6 == "caller" && $7 == "CONNECTED" && $9 ~ /^'"$ip_a"':5060/ { c = 1; next }
    c == 1 && $1 == "" && $6 == "callee" && $7 == "CONNECTED" && $8 == "1002" && $9 ~ /^'"$ip_b"':5060/ { ok = 1 }
    { c = 0 } END { exit !ok }' <<<"$calls"; }
check "pbx:call-list shows the call 1001 -> 1002 CONNECTED with a caller leg and a callee leg (both CONNECTED)" call_ok
sleep 2
media=$(console "pbx:media-list")
check "pbx:media-list shows a session on the local relay with packets latched from both phones" \
  'grep -q "$ip_a" <<<"$media" && grep -q "$ip_b" <<<"$media"'

sleep 4   # talk
hangup=$(ctrl "$ns_a" '{"command":"hangup","token":"hangup"}' || true)
echo "baresip 1001 hangup: $hangup"
released() { console "pbx:call-list" | grep -q "No live calls."; }
check "after 1001 hangs up pbx:call-list says No live calls." 'wait_for 10 released'
cdr_ok() { cdr=$(console "pbx:cdr-list --caller 1001 --limit 1"); awk -F'|' '
    $3 ~ /1001/ && $4 ~ /1002/ && $7 ~ /ANSWERED/ && $11 ~ /CALLER_BYE/ { b = $6; sub(/ s.*/, "", b); if (b + 0 >= 2) ok = 1 }
    END { exit !ok }' <<<"$cdr"; }
check "pbx:cdr-list: 1001 -> 1002 ANSWERED, CALLER_BYE, billable >= 2 s" 'wait_for 5 cdr_ok'

echo "--- pbx:call-list during the call"; echo "$calls"
echo "--- pbx:cdr-list --caller 1001 --limit 1"; echo "${cdr:-}"
echo "--- pbx:media-list during the call"; echo "${media:-}"
echo "--- recordings (sndfile; enc: what the phone sent, dec: what it received)"
for f in "$work"/a/audio/*.wav "$work"/b/audio/*.wav; do
  [ -f "$f" ] || continue
  echo "${f#"$work"/}: $(sox "$f" -n stat 2>&1 | grep -E 'Length|RMS +amplitude|Rough' | tr -s ' ' | paste -sd';')"
done
# tone <wav> <hz>: the recording is at least 2 s long, not silent, and its rough frequency is within 5 % of hz
tone() {
  [ -f "$1" ] || return 1
  local st; st=$(sox "$1" -n stat 2>&1)
  awk -v hz="$2" '/^Length/ { len = $NF } /^RMS +amplitude/ { rms = $NF } /^Rough +frequency/ { f = $NF }
    END { exit !(len >= 2 && rms > 0.01 && f > hz * 0.95 && f < hz * 1.05) }' <<<"$st"
}
dec_a=$(ls "$work"/a/audio/*dec*.wav 2>/dev/null | head -1 || true)
dec_b=$(ls "$work"/b/audio/*dec*.wav 2>/dev/null | head -1 || true)
check "1001 heard 1002's 880 Hz tone through the relay (${dec_a#"$work"/})" 'tone "$dec_a" 880'
check "1002 heard 1001's 440 Hz tone through the relay (${dec_b#"$work"/})" 'tone "$dec_b" 440'
if [ "$failed" -ne 0 ]; then
  for p in a b; do echo "--- baresip $p (tail)"; tail -40 "$work/$p/baresip.log"; done
  log="$home/data/log/karaf.log"
  echo "--- SIP trace (data/log/sip-trace.log, tail)"
  tail -200 "$home/data/log/sip-trace.log" 2>/dev/null || true
  echo "--- karaf.log warnings and errors"; grep -E '\| (WARN|ERROR) ' "$log" | grep -vE 'Flyway|EventAdmin|TLS|tls|keystore|truststore' | tail -30
  echo "--- karaf.log (tail)"; tail -30 "$log"
fi
echo "e2e: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && status=0
