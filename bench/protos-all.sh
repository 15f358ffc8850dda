#!/usr/bin/env bash
# Sends all 4,527 PROTOS c07-sip cases (0000000..0004526) over UDP to a SIP server on loopback and checks
# after every case, with a well-formed OPTIONS, that the server still answers.
#
#   bench/protos-all.sh [TARGET] [extra ProtosSender options...]
#   bench/protos-all.sh 127.0.0.1:5060
#   bench/protos-all.sh 127.0.0.1:5060 --teardown      # also send the CANCEL after each case
#
# TARGET defaults to 127.0.0.1:5060 and must be a loopback address. The suite (GPL-2 test data, never copied
# into this repo) is read from $PROTOS_DIR, default ../shared/protos-c07-sip next to the repo root.
# Needs only a JDK 17 (javac + java); no Maven.
#
# How long it takes: against a stateless Kamailio 5.6 on 127.0.0.1 (answering every request) the sending takes
# about 2 s and the whole script about 4 s with javac and JVM start; with --teardown about 8 s. The time is
# mostly the server's reply time per probe, so a slower PBX takes longer; if it stops answering, the last
# probe adds 3 x --timeout-ms (6 s). Always bounded by the sender's --max-seconds (default 900).
#
# Exit code: 0 if the server answered every probe, 1 if not (the summary names the case after which it went
# silent), 2 on bad arguments or I/O errors.
set -euo pipefail

TARGET="${1:-127.0.0.1:5060}"
[ $# -gt 0 ] && shift

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SRC="$ROOT/itests/src/test/java/org/plugboard/itests/protos"
PROTOS_DIR="${PROTOS_DIR:-$ROOT/../shared/protos-c07-sip}"

if [ ! -d "$PROTOS_DIR/testcases" ]; then
    echo "protos: suite not found at $PROTOS_DIR (set PROTOS_DIR)" >&2
    exit 2
fi

CLASSES="$(mktemp -d "${TMPDIR:-/tmp}/protos-classes.XXXXXX")"
trap 'rm -rf "$CLASSES"' EXIT

javac --release 17 -d "$CLASSES" "$SRC/ProtosCase.java" "$SRC/ProtosSender.java"

rc=0
java -cp "$CLASSES" org.plugboard.itests.protos.ProtosSender \
    --target "$TARGET" --dir "$PROTOS_DIR" --from 0 --to 4526 --every 1 --timeout-ms 2000 "$@" || rc=$?
exit "$rc"
