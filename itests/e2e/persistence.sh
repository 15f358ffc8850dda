#!/usr/bin/env bash
# The persistence tests on one copy of the distribution, booted once: restart-survives.sh (a registration survives a
# clean restart), cdr-survives-kill9.sh, registrations-survive-kill9.sh and voicemail-survives-kill9.sh (what was
# answered survives kill -9), one after the other. Each script runs as it does alone (its own load, its own kill -9
# or stop at its own moment, its own restart and checks) but on this copy (lib/dist.sh, "Shared copy") instead of
# unpacking and booting one of its own: three boots and three stops fewer (about 45 s). The order keeps each one's
# checks apart from what the ones before left: no calls before the CDR test (it reads every CSV record), the
# voice messages (caller 1002) after it; the registration test's users are its own.
#
# Usage: [TARBALL=dist.tar.gz] itests/e2e/persistence.sh   (about 2.5 min; exit 1 when any script failed)
set -euo pipefail
cd "$(dirname "$0")/../.."
tarball=${TARBALL:-$(ls karaf-assembly/target/karaf-assembly-*.tar.gz | head -1)}   # TARBALL: another build
work=$(mktemp -d)
sip_port=16760; ssh_port=16761; rmi_registry_port=16762; rmi_server_port=16763
. itests/e2e/lib/dist.sh
trap 'dist_stop; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM   # Ctrl-C or a CI timeout: still stop what was started

dist_unpack "$tarball"
dist_start
export PLUGBOARD_E2E_HOME=$home PLUGBOARD_E2E_SIP_PORT=$sip_port PLUGBOARD_E2E_SSH_PORT=$ssh_port
failures=()
for script in restart-survives.sh cdr-survives-kill9.sh registrations-survive-kill9.sh voicemail-survives-kill9.sh; do
  start=$SECONDS
  echo "== $script"
  if itests/e2e/$script; then
    echo "== $script passed ($((SECONDS - start)) s)"
  else
    echo "== $script FAILED ($((SECONDS - start)) s)"; failures+=("$script")
  fi
done
[ "${#failures[@]}" -eq 0 ] || { echo "persistence: failed: ${failures[*]}"; exit 1; }
echo "persistence: all passed"
