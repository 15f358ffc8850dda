# Shared by the baresip end-to-end scripts (baresip-call.sh, baresip-forwarding.sh, baresip-transfer.sh): sourced,
# never run. It gives each script: its options and requirements, a work folder, a watchdog and a cleanup trap,
# network namespaces behind veth pairs (one per phone), an unpacked distribution on the script's own ports, headless
# baresip phones with ctrl_tcp, the console, checks, waits on an effect with a deadline, the sox tone check, and the
# diagnostics printed on a failure.
#
# A script sets, before sourcing this file:
#   e2e_name      its file name, for messages          e2e_seconds   the watchdog's bound for the whole run
#   sip_port ssh_port rmi_registry_port rmi_server_port   the distribution's ports (each script has its own)
# then calls, in this order: e2e_options "$@"; e2e_begin; e2e_netns <key> <octet> (once per phone);
# e2e_pbx_start; e2e_phone ...; checks; e2e_finish.
#
# Phones are named by a key (a, b, c). Phone <key> lives in namespace pb-<key>-<pid> at 10.231.<octet>.2/30,
# behind veth pb<key><pid> whose root side 10.231.<octet>.1 the PBX listens on. Nothing is forwarded between the
# namespaces and none has a route to another: a phone reaches the PBX only, so audio that arrives at all came
# through the PBX's media relay.

# Shared copy: baresip-all.sh boots one distribution and creates every script's namespaces once (keys o<octet>), then
# runs the scripts with PLUGBOARD_BARESIP_HOME, PLUGBOARD_BARESIP_PID, PLUGBOARD_BARESIP_SIP_PORT and
# PLUGBOARD_BARESIP_SSH_PORT set: e2e_netns then takes the runner's namespace for its octet, e2e_pbx_start takes the
# running copy, and e2e_cleanup stops the script's phones only (the runner stops the copy and deletes the namespaces).

modules=/usr/lib/baresip/modules
shared=0
if [ -n "${PLUGBOARD_BARESIP_HOME:-}" ]; then
  shared=1
  sip_port=${PLUGBOARD_BARESIP_SIP_PORT:?PLUGBOARD_BARESIP_SIP_PORT not set}
  ssh_port=${PLUGBOARD_BARESIP_SSH_PORT:?PLUGBOARD_BARESIP_SSH_PORT not set}
fi
ctrl_port=4444                       # baresip's ctrl_tcp, on each namespace's own loopback
build=0; keep=0
work=""; home=""; watchdog=""; status=1
passed=0; failed=0
declare -A ns=() veth=() root_ip=() ip=() pid=() ext=()
keys=()

# e2e_options "$@": --build, --keep; needs root, the tools and baresip's modules.
e2e_options() {
  local arg tool m
  for arg in "$@"; do
    case "$arg" in
      --build) build=1 ;;
      --keep) keep=1 ;;
      *) echo "usage: $0 [--build] [--keep]"; exit 2 ;;
    esac
  done
  if [ "$(id -u)" -ne 0 ]; then
    echo "$e2e_name: needs root to create network namespaces (ip netns); run it as root or with sudo"
    exit 2
  fi
  for tool in baresip ip timeout sox; do
    command -v "$tool" >/dev/null || { echo "$e2e_name: '$tool' not found (apt-get install baresip-core iproute2 sox)"; exit 2; }
  done
  for m in g711 ausine sndfile account menu ctrl_tcp; do
    [ -f "$modules/$m.so" ] || { echo "$e2e_name: $modules/$m.so missing (apt-get install baresip-core)"; exit 2; }
  done
  # TARBALL=<path> runs another build of the distribution (e.g. a branch's) without touching this tree's target/
  tarball=${TARBALL:-$(ls karaf-assembly/target/karaf-assembly-*.tar.gz 2>/dev/null | head -1 || true)}
  if [ "$build" -eq 1 ] || [ -z "$tarball" ]; then
    mvn -B -q install -DskipTests -pl '!itests'
    tarball=$(ls karaf-assembly/target/karaf-assembly-*.tar.gz | head -1)
  fi
}

# e2e_begin: the work folder, the cleanup trap and the watchdog (past e2e_seconds it ends the script; the trap
# still cleans up).
e2e_begin() {
  work=$(mktemp -d "/tmp/plugboard-${e2e_name%.sh}.XXXXXX")
  trap e2e_cleanup EXIT
  trap 'echo "interrupted"; status=130; exit 130' INT TERM
  ( trap 'kill "$sleeper" 2>/dev/null; exit 0' TERM
    sleep "$e2e_seconds" & sleeper=$!; wait "$sleeper"; echo "$e2e_name: timed out after $e2e_seconds s"; kill -TERM $$ ) 2>/dev/null &
  watchdog=$!
}

e2e_cleanup() {
  set +e
  trap - EXIT INT TERM
  [ -n "$watchdog" ] && kill "$watchdog" 2>/dev/null
  local k p kpids
  for k in "${keys[@]}"; do [ -n "${pid[$k]:-}" ] && kill "${pid[$k]}" 2>/dev/null; done
  for k in "${keys[@]}"; do
    p=${pid[$k]:-}; [ -n "$p" ] || continue
    for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$p" 2>/dev/null; wait "$p" 2>/dev/null
  done
  if [ -n "$home" ] && [ "$shared" -eq 0 ]; then
    # Karaf's pid (karaf.pid), or any process started from this run's own copy if it did not get that far
    kpids=$( (cat "$home/karaf.pid" 2>/dev/null; echo; pgrep -f "$home/" ) | sort -u | grep -E '^[0-9]+$')
    if [ -n "$kpids" ]; then
      timeout 20 "$home/bin/stop" >/dev/null 2>&1
      for _ in $(seq 1 40); do kill -0 $kpids 2>/dev/null || break; sleep 0.5; done
      kill -9 $kpids 2>/dev/null
    fi
  fi
  if [ "$shared" -eq 0 ]; then
    for k in "${keys[@]}"; do ip netns del "${ns[$k]}" 2>/dev/null; ip link del "${veth[$k]}" 2>/dev/null; done
  fi
  if [ -n "$work" ]; then
    if [ "$keep" -eq 1 ]; then echo "work folder kept: $work"; else rm -rf "$work"; fi
  fi
  exit "$status"
}

# e2e_netns <key> <octet>: namespace pb-<key>-<pid> (10.231.<octet>.2/30) behind a veth pair whose root side is
# 10.231.<octet>.1.
e2e_netns() {
  local k=$1 n=$2
  if [ "$shared" -eq 1 ]; then # the runner's namespace for this octet (its key o<octet>)
    keys+=("$k")
    ns[$k]=pb-o$n-$PLUGBOARD_BARESIP_PID; veth[$k]=pbo$n$PLUGBOARD_BARESIP_PID
    root_ip[$k]=10.231.$n.1; ip[$k]=10.231.$n.2
    ip netns list | grep -qw "${ns[$k]}" || { echo "$e2e_name: the shared namespace ${ns[$k]} is missing"; exit 2; }
    return 0
  fi
  if ip -4 addr show | grep -q "inet 10\.231\.$n\."; then
    echo "$e2e_name: 10.231.$n.0/30 is already in use here (another run?)"; ip -4 addr show | grep 'inet 10\.231\.'
    exit 2
  fi
  keys+=("$k")
  ns[$k]=pb-$k-$$; veth[$k]=pb$k$$    # the namespace side is <veth>n (at most 15 characters)
  root_ip[$k]=10.231.$n.1; ip[$k]=10.231.$n.2
  ip netns add "${ns[$k]}"
  ip link add "${veth[$k]}" type veth peer name "${veth[$k]}n"
  ip link set "${veth[$k]}n" netns "${ns[$k]}"
  ip addr add "${root_ip[$k]}/30" dev "${veth[$k]}"; ip link set "${veth[$k]}" up
  ip -n "${ns[$k]}" link set lo up
  ip -n "${ns[$k]}" addr add "${ip[$k]}/30" dev "${veth[$k]}n"; ip -n "${ns[$k]}" link set "${veth[$k]}n" up
  # no route to another namespace and no forwarding: a phone reaches the PBX only
  echo 0 > "/proc/sys/net/ipv4/conf/${veth[$k]}/forwarding"
}

console() {
  echo "$1" | timeout 30 "$home/bin/client" -h 127.0.0.1 -a "$ssh_port" -u karaf -p karaf -b 2>/dev/null \
    | sed 's/\x1b\[[0-9;]*m//g' | grep -v "JAVA_HOME not set" || true
}
check() { if eval "$2"; then passed=$((passed+1)); echo "ok: $1"; else failed=$((failed+1)); echo "FAILED: $1"; fi; }
# wait_for <seconds> <command>: true as soon as the command succeeds (polled every half second)
wait_for() {
  local end=$((SECONDS + $1)); shift
  while [ "$SECONDS" -lt "$end" ]; do eval "$1" && return 0; sleep 0.5; done
  return 1
}

# e2e_pbx_start: unpacks the distribution, gives it the script's ports, makes it listen on 127.0.0.1 and every
# namespace's root address, and starts it. Ends the run (as a failure) when it does not come up within 60 s.
e2e_pbx_start() {
  local k listen=127.0.0.1
  local last=${keys[${#keys[@]}-1]}
  up() { console "pbx:sip-stats" | grep -q "${root_ip[$last]}:$sip_port"; }
  if [ "$shared" -eq 1 ]; then # the runner's copy, already listening on every namespace's root address
    home=$PLUGBOARD_BARESIP_HOME
    wait_for 60 up || { echo "the shared distribution does not answer"; failed=1; echo "e2e: $passed passed, $failed failed"; exit; }
    return 0
  fi
  tar xzf "$tarball" -C "$work"
  home=$(ls -d "$work"/karaf-assembly-*)
  # 127.0.0.1 first, as in the shipped configuration: requests to each phone must leave from the address that reaches it.
  for k in "${keys[@]}"; do listen="$listen,${root_ip[$k]}"; done
  sed -i "s/^port = .*/port = $sip_port/; s/^listen.addresses = .*/listen.addresses = $listen/; s/^trace = .*/trace = true/" \
    "$home/etc/org.plugboard.sip.cfg"
  sed -i "s/^sshPort *= *.*/sshPort = $ssh_port/; s/^sshHost *= *.*/sshHost = 127.0.0.1/" "$home/etc/org.apache.karaf.shell.cfg"
  sed -i "s/^rmiRegistryPort *= *.*/rmiRegistryPort = $rmi_registry_port/; s/^rmiServerPort *= *.*/rmiServerPort = $rmi_server_port/" \
    "$home/etc/org.apache.karaf.management.cfg"
  echo 'karaf = karaf,_g_:admingroup' >> "$home/etc/users.properties" # the demo's console user (none is shipped), as lib/dist.sh
  "$home/bin/start"
  if ! wait_for 60 up; then
    echo "distribution did not come up"; tail -50 "$home/data/log/karaf.log"; failed=1
    echo "e2e: $passed passed, $failed failed"; exit
  fi
}

# e2e_phone <key> <extension> <answermode auto|manual> <tone Hz> [trace]: a headless baresip in the key's namespace,
# registered as the demo extension to the PBX's address on its veth. Its folder is $work/<key> (config, accounts,
# baresip.log, audio/). With "trace" baresip logs every SIP message it sends and receives, whole (-s).
e2e_phone() {
  local k=$1 dir=$work/$1 flags=(-4 -v -t $((e2e_seconds - 15)))
  [ "${5:-}" = trace ] && flags+=(-s)
  ext[$k]=$2
  mkdir -p "$dir/audio"
  cat > "$dir/config" <<EOF
poll_method		epoll
sip_listen		${ip[$k]}:5060
net_interface		${veth[$k]}n
# no DNS server outside the namespace is asked anything
dns_server		127.0.0.1:53
call_local_timeout	30
call_max_calls		4
# a sine tone as microphone (ausine delivers 48 kHz stereo; baresip resamples for G.711); no audio player
audio_source		ausine,$4
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
snd_path		$dir/audio
module_tmp		account.so
module_app		menu.so
module_app		ctrl_tcp.so
ctrl_tcp_listen		127.0.0.1:$ctrl_port
EOF
  echo "<sip:$2@${root_ip[$k]}:$sip_port;transport=udp>;auth_pass=demo${2}pw;answermode=$3" > "$dir/accounts"
  ip netns exec "${ns[$k]}" baresip "${flags[@]}" -f "$dir" </dev/null >"$dir/baresip.log" 2>&1 &
  pid[$k]=$!
}

# ctrl <key> <json>: one command to the phone's ctrl_tcp (netstrings), prints the response
ctrl() {
  ip netns exec "${ns[$1]}" timeout 5 bash -c '
    exec 3<>/dev/tcp/127.0.0.1/'"$ctrl_port"' || exit 1
    printf "%d:%s," "${#1}" "$1" >&3
    while IFS= read -r -d : len <&3; do
      IFS= read -r -N "$((len + 1))" body <&3 || exit 1
      case "$body" in *\"response\":true*) printf "%s\n" "${body%,}"; exit 0 ;; esac
    done
    exit 1' _ "$2"
}

# mark_logs: remembers how many lines each phone's log holds now; since <key>: that phone's log after the last mark
# (all of it before the first mark), so a check on a second call does not see the first one's lines
declare -A mark=()
mark_logs() { local k; for k in "${keys[@]}"; do mark[$k]=$(wc -l < "$work/$k/baresip.log"); done; }
# (|| true: a reader that stops early (grep -q, awk's exit) kills tail with SIGPIPE, which under pipefail would fail
# the pipeline, and under set -e end the script before its summary line: a fresh-clone run lost baresip-forwarding so)
since() { tail -n +"$((${mark[$1]:-0} + 1))" "$work/$1/baresip.log" || true; }
# registered <key>...: each phone's baresip logged "... 200 OK (Plugboard) [1 binding]" for its REGISTER
registered() { local k; for k in "$@"; do since "$k" | grep -q "200 OK.*binding" || return 1; done; }
# established <key>...: each phone's baresip logged "Call established" (200 OK and ACK went through) since the mark
established() { local k; for k in "$@"; do since "$k" | grep -q "Call established" || return 1; done; }
# reg_ok <key>...: pbx:reg-list shows each phone's extension at its namespace address
reg_ok() {
  local k reg; reg=$(console "pbx:reg-list")
  for k in "$@"; do grep -E "^ *${ext[$k]} .*${ip[$k]}:5060" <<<"$reg" >/dev/null || return 1; done
}
released() { console "pbx:call-list" | grep -q "No live calls."; }

# With e2e_phone's "trace", baresip -s prints every SIP message it sends or receives whole, CRLFs kept, as
# ESC[36;1m#, a line "UDP src -> dst", the message, then ESC[;m (on a line of its own, or after a body's last line).
cr=$'\r'
# message <key> <start-line regex>: the first such message since the mark whose start line matches, body included
message() { since "$1" | awk -v re="$2" '!p && $0 ~ re { p = 1 } p { print } p && /\x1b\[;m/ { exit }'; }
# field <name> <pbx:cdr-show output>: the value of one field (printed as "%-12s %s")
field() { awk -v f="$1" '{ n = substr($0, 1, 12); sub(/ +$/, "", n) } n == f { print substr($0, 14); exit }' <<<"$2"; }
# latched <pbx:media-list output> <ip> [packets]: the relay's side toward ip is latched and has had at least that
# many packets in (default 1)
latched() { awk -F'|' -v ip="$2" -v n="${3:-1}" '{ for (i = 1; i <= NF; i++) gsub(/^ +| +$/, "", $i) }
  index($8, ip ":") == 1 && $9 == "yes" && $10 + 0 >= n { ok = 1 } END { exit !ok }' <<<"$1"; }
# packets_in <pbx:media-list output> <ip>: packets in on the relay's side latched to ip (0 when none)
packets_in() { awk -F'|' -v ip="$2" '{ for (i = 1; i <= NF; i++) gsub(/^ +| +$/, "", $i) }
  index($8, ip ":") == 1 && $9 == "yes" { n = $10 + 0 } END { print n + 0 }' <<<"$1"; }
# talked <packets> <key>...: pbx:media-list (kept in $media) shows the relay latched to each phone with at least
# <packets> in from it (a phone sends 50 a second): what a script waits for instead of sleeping while they talk
talked() {
  local n=$1 k; shift
  media=$(console "pbx:media-list")
  for k in "$@"; do latched "$media" "${ip[$k]}" "$n" || return 1; done
}

# tone <wav> <hz> [skip s]: the recording (after its first <skip> seconds) is at least 2 s long, not silent, and its
# rough frequency is within 5 % of hz
tone() {
  [ -f "$1" ] || return 1
  local st; st=$(sox "$1" -n trim "${3:-0}" stat 2>&1)
  awk -v hz="$2" '/^Length/ { len = $NF } /^RMS +amplitude/ { rms = $NF } /^Rough +frequency/ { f = $NF }
    END { exit !(len >= 2 && rms > 0.01 && f > hz * 0.95 && f < hz * 1.05) }' <<<"$st"
}
# recordings <glob>...: length, RMS and rough frequency of each wav file, one line each
recordings() {
  local f
  for f in "$@"; do
    [ -f "$f" ] || continue
    echo "${f#"$work"/}: $(sox "$f" -n stat 2>&1 | grep -E 'Length|RMS +amplitude|Rough' | tr -s ' ' | paste -sd';')"
  done
}

# e2e_finish: on a failure the phones' logs, the SIP trace and karaf.log's warnings; the summary line; the status.
e2e_finish() {
  local k log
  if [ "$failed" -ne 0 ]; then
    for k in "${keys[@]}"; do echo "--- baresip $k (${ext[$k]:-}, tail)"; tail -40 "$work/$k/baresip.log"; done
    log="$home/data/log/karaf.log"
    echo "--- SIP trace (data/log/sip-trace.log, tail)"
    tail -200 "$home/data/log/sip-trace.log" 2>/dev/null || true
    # (|| true: no warning at all must not end the script under set -e before the summary line)
    echo "--- karaf.log warnings and errors"
    { grep -E '\| (WARN|ERROR) ' "$log" | grep -vE 'Flyway|EventAdmin|TLS|tls|keystore|truststore' | tail -30; } || true
    echo "--- karaf.log (tail)"; tail -30 "$log" || true
  fi
  echo "e2e: $passed passed, $failed failed"
  [ "$failed" -eq 0 ] && status=0
  return 0
}
