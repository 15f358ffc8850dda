#!/usr/bin/env bash
# Installs what the tests need, then runs the whole suite: unit tests, Pax Exam itests against the built
# distribution with real SIPp, and the end-to-end restart test of the real distribution.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-debian.sh
mvn -B install
itests/e2e/restart-survives.sh
