# Sourced by the e2e scripts (not run): a fresh copy of the distribution on ports of its own, its console, a
# clean stop or a kill -9, and the checks' tally. Before sourcing, set work (a fresh temp folder, only this run's),
# sip_port, ssh_port, rmi_registry_port and rmi_server_port.
#
# Shared copy: when PLUGBOARD_E2E_HOME is set (itests/e2e/persistence.sh sets it, with PLUGBOARD_E2E_SIP_PORT and
# PLUGBOARD_E2E_SSH_PORT), the script runs on that copy, already started, instead of unpacking and booting its own:
# dist_unpack only takes its home and ports, dist_start only starts it when it is not running, and dist_stop leaves
# it running for the next script (the runner stops it). Kills and restarts inside a script act on it as on its own.
shared=0
if [ -n "${PLUGBOARD_E2E_HOME:-}" ]; then
  shared=1
  sip_port=${PLUGBOARD_E2E_SIP_PORT:?PLUGBOARD_E2E_SIP_PORT not set}
  ssh_port=${PLUGBOARD_E2E_SSH_PORT:?PLUGBOARD_E2E_SSH_PORT not set}
fi

# dist_unpack TARBALL: unpacks into $work, sets home and gives the copy the ports above, SIP on 127.0.0.1 only
dist_unpack() {
  if [ "$shared" -eq 1 ]; then home=$PLUGBOARD_E2E_HOME; return 0; fi
  tar xzf "$1" -C "$work"
  home=$(ls -d "$work"/karaf-assembly-*)
  sed -i "s/^port = .*/port = $sip_port/; s/^listen.addresses = .*/listen.addresses = 127.0.0.1/" "$home/etc/org.plugboard.sip.cfg"
  sed -i "s/^sshPort *= *.*/sshPort = $ssh_port/" "$home/etc/org.apache.karaf.shell.cfg"
  sed -i "s/^rmiRegistryPort *= *.*/rmiRegistryPort = $rmi_registry_port/; s/^rmiServerPort *= *.*/rmiServerPort = $rmi_server_port/" \
    "$home/etc/org.apache.karaf.management.cfg"
  echo 'karaf = karaf,_g_:admingroup' >> "$home/etc/users.properties" # the demo's console user (none is shipped)
}

# console COMMANDS: runs them as bin/client -b does, colours removed; as karaf/karaf unless console_pw is set
console() { echo "$1" | timeout 120 "$home/bin/client" -a "$ssh_port" -u karaf -p "${console_pw:-karaf}" -b 2>/dev/null | sed 's/\x1b\[[0-9;]*m//g'; }

# wait_up: until the SIP listening point is up (2 minutes at most)
wait_up() {
  for _ in $(seq 1 60); do
    console "pbx:sip-stats" | grep -q "127.0.0.1:$sip_port" && return 0
    sleep 2
  done
  echo "distribution did not come up"; tail -50 "$home/data/log/karaf.log"; return 1
}

# dist_start: bin/start, then wait_up (a shared copy: started only when it is not running, e.g. after a script that
# failed between its kill -9 and its restart)
dist_start() {
  if [ "$shared" -eq 0 ]; then
    "$home/bin/start"
  elif [ -z "$(karaf_pids)" ]; then
    rm -f "$home/lock"; "$home/bin/start"
  fi
  wait_up
}

passed=0; failed=0
# check DESCRIPTION CONDITION: counts and prints the outcome; the script ends with dist_verdict
check() { if eval "$2"; then passed=$((passed+1)); echo "ok: $1"; else failed=$((failed+1)); echo "FAILED: $1"; fi; }
dist_verdict() { echo "e2e: $passed passed, $failed failed"; [ "$failed" -eq 0 ]; }

karaf_pids() { pgrep -f "karaf.home=$home " || true; }   # this copy's JVM (its home is in a fresh temp folder)

# dist_kill9: kill -9 of this copy's JVM and the bin/ scripts it runs under; waits until it is gone, then removes
# the lock file a clean stop would have removed. Sets killed_pids and killed_at (epoch seconds of the kill).
dist_kill9() {
  killed_pids=$(karaf_pids)
  [ -n "$killed_pids" ] || { echo "no Karaf JVM found for $home"; return 1; }
  local parents
  parents=$(for p in $killed_pids; do ps -o ppid= -p "$p"; done | tr -d ' ' | sort -u)
  kill -9 $killed_pids $(for s in $parents; do ps -o args= -p "$s" | grep -q "$home/bin" && echo "$s"; done) 2>/dev/null || true
  killed_at=$(date +%s.%N)
  for _ in $(seq 1 20); do [ -z "$(karaf_pids)" ] && break; sleep 0.5; done
  [ -z "$(karaf_pids)" ] || { echo "Karaf $killed_pids still runs after kill -9"; return 1; }
  rm -f "$home/lock"
}

# dist_stop: bin/stop, kill -9 of what is left after 20 s, and of anything else naming the work folder (bin/client,
# the bin/karaf wrapper); for the scripts' EXIT trap
dist_stop() {
  if [ -n "${home:-}" ] && [ "$shared" -eq 0 ]; then
    "$home/bin/stop" >/dev/null 2>&1 || true
    for _ in $(seq 1 20); do [ -z "$(karaf_pids)" ] && break; sleep 1; done
    for p in $(karaf_pids); do kill -9 "$p" 2>/dev/null || true; done
  fi
  [ -n "${work:-}" ] || return 0
  for p in $(pgrep -f "$work/" || true); do kill -9 "$p" 2>/dev/null || true; done
}
