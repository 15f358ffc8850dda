#!/usr/bin/env bash
# Installs what building and testing Plugboard needs on Debian 12. Idempotent; runs apt only for what is missing.
set -euo pipefail
need=()
for pkg in openjdk-17-jdk-headless maven sip-tester socat sipsak kamailio kamailio-extra-modules procps iproute2 baresip-core rtpengine-daemon tshark sox espeak-ng chromium chromium-driver curl; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
# Node and npm for the browser tests: Debian's packages only where no node is installed at all. A machine with
# another build of Node (NodeSource's nodejs bundles npm and conflicts with Debian's npm package) keeps its own.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  need+=(nodejs npm)
fi
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
echo "setup: java $(java -version 2>&1 | head -1 | cut -d'"' -f2), $(mvn -v 2>/dev/null | head -1 | sed 's/\x1b\[[0-9;]*m//g'), $(sipp -v 2>/dev/null | grep -o 'SIPp v[0-9.]*' | head -1)"
# MediaIT counts packets with tshark on the loopback interface: let a non-root user capture (root needs nothing).
if [ "$(id -u)" -ne 0 ] && ! getcap /usr/bin/dumpcap 2>/dev/null | grep -q cap_net_raw; then
  sudo setcap cap_net_raw,cap_net_admin=eip /usr/bin/dumpcap
fi
# The tests start rtpengine themselves, on their own ports; the Debian service would hold 2223 (the media node's
# default ng port) on machines that run systemd.
if command -v systemctl >/dev/null && systemctl is-enabled rtpengine-daemon >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO systemctl disable --now rtpengine-daemon >/dev/null 2>&1 || true
fi
