#!/usr/bin/env bash
# Installs what the tests need, then runs the whole suite: unit tests, Pax Exam itests against the built
# distribution with real SIPp, and the end-to-end tests of the real distribution (restart, CDRs and registrations
# after kill -9, softphone call, forwarding and transfer with real softphones).
set -euo pipefail
cd "$(dirname "$0")/.."
# Each step says how long it took, so the suite's time budget (30 minutes) can be kept where it is spent.
step() { local start=$SECONDS; "$@"; echo "[test.sh] $((SECONDS - start)) s: $*"; }
step scripts/setup-debian.sh
# The example plugin is built like a vendor's, against the released API only: the API module's validate phase
# installs that release (cnf/baseline/) into the local repository; ExamplePluginIT then installs the plugin.
step mvn -B -q -pl bundles/org.plugboard.api validate
step mvn -B -f examples/business-hours/pom.xml install
step mvn -B install
# On one copy booted once (itests/e2e/persistence.sh), one after the other: a registration survives a restart;
# 1000 SIPp calls at 50/s, kill -9, restart: every finished call's CDR in the database and the CSV files, once;
# 500 SIPp registrations at 100/s while 100 are unregistered, kill -9, restart: every binding answered 200 is back;
# 20 voice messages left through SIPp at 4/s, kill -9 as the last BYE is answered, restart: every message listed, with its WAV.
step itests/e2e/persistence.sh
# As shipped (no demo mode): a generated console password printed once, karaf/karaf refused, ssh and JMX on loopback.
step itests/e2e/secure-defaults.sh
# The admin page in headless Chromium (puppeteer-core): login, extensions, a SIPp phone and call seen live, CDRs, CSV import.
step itests/e2e/web-ui.sh
# The real-softphone tests on one copy booted once (itests/e2e/baresip-all.sh; headless baresip in network namespaces
# it creates, so it needs root for ip netns): a call (each phone hears the other's tone); blind transfer driven by a
# softphone (REFER): audio before and after, the two CDRs linked; forwarding with three softphones: unconditional
# (1002 never rings) and on no answer (1002 rings 3 s).
if [ "$(id -u)" -eq 0 ]; then step itests/e2e/baresip-all.sh; else step sudo itests/e2e/baresip-all.sh; fi
