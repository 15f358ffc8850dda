#!/usr/bin/env bash
# Builds Plugboard and starts the PBX in the foreground with the demo configuration (SIP on 127.0.0.1:5060).
# Stop it with Ctrl-D or 'shutdown -f' at the karaf@plugboard prompt.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-debian.sh
mvn -q -B install -DskipTests
home=karaf-assembly/target/assembly
chmod +x "$home"/bin/*
cat <<'TXT'

Plugboard is starting. SIP: udp/tcp 127.0.0.1:5060 and [::1]:5060, realm "plugboard".
Demo extensions (change them before exposing the PBX):  1001/demo1001pw  1002/demo1002pw  1003/demo1003pw  1004/demo1004pw
Console (bin/client): karaf/karaf in this demo mode; ssh, JMX and HTTP listen on 127.0.0.1 only.
Try at the prompt: pbx:ext-list   pbx:reg-list   pbx:sip-stats   pbx:sip-trace on
TXT
# demo mode: the console user is karaf/karaf (bin/setenv); outside it, the first start generates a password
export PLUGBOARD_DEMO=1
exec "$home/bin/karaf"
