#!/usr/bin/env bash
# The real-softphone tests on one copy of the distribution, booted once: baresip-call.sh, baresip-transfer.sh and
# baresip-forwarding.sh, one after the other. This script creates every namespace they use (octets 1, 2, 11-13,
# 21-23; see lib/baresip.sh) and starts the distribution listening on 127.0.0.1 and each namespace's root address;
# each script then runs as it does alone (its own phones, calls and checks, its own addresses) but on this copy and
# these namespaces (lib/baresip.sh, "Shared copy"): two boots and two stops fewer (about 30 s). The order keeps each
# one's checks apart from what the ones before left: the plain call first (no call service installed yet), then
# pbx-transfer, then pbx-forwarding (its forwarding of 1002 stays set at its end).
#
# Needs root (ip netns) and what the three scripts need (baresip-core, iproute2, sox).
# Usage: itests/e2e/baresip-all.sh [--build] [--keep]   (about 2.5 min; exit 1 when any script failed)
set -euo pipefail
cd "$(dirname "$0")/../.."

e2e_name=baresip-all.sh; e2e_seconds=480
sip_port=45090; ssh_port=48131; rmi_registry_port=41129; rmi_server_port=44475
. itests/e2e/lib/baresip.sh
e2e_options "$@"
e2e_begin
for n in 1 2 11 12 13 21 22 23; do e2e_netns "o$n" "$n"; done
e2e_pbx_start
export PLUGBOARD_BARESIP_HOME=$home PLUGBOARD_BARESIP_PID=$$ PLUGBOARD_BARESIP_SIP_PORT=$sip_port \
  PLUGBOARD_BARESIP_SSH_PORT=$ssh_port
args=(); [ "$keep" -eq 1 ] && args+=(--keep)
for script in baresip-call.sh baresip-transfer.sh baresip-forwarding.sh; do
  start=$SECONDS
  echo "== $script"
  if itests/e2e/$script "${args[@]}"; then
    passed=$((passed + 1)); echo "== $script passed ($((SECONDS - start)) s)"
  else
    failed=$((failed + 1)); echo "== $script FAILED ($((SECONDS - start)) s)"
  fi
done
echo "baresip-all: $passed script(s) passed, $failed failed"
[ "$failed" -eq 0 ] && status=0
exit "$status"
