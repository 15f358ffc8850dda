#!/bin/sh
# Times 100,000 Directory.ha1 lookups on the real directory over an embedded H2 file database behind HikariCP
# (as feature pbx-database configures it).
# Usage: bench/directory-lookups.sh [lookups] [extensions]   (after `mvn install` of the directory bundle)
# MAVEN_OPTS_REPO=-Dmaven.repo.local=... picks a Maven local repository other than ~/.m2/repository;
# DIRECTORY_JAR=path times another build of the directory bundle (e.g. a copy of main's, for before/after).
# Opens no port and needs no PBX; times are only comparable between runs on an equally loaded machine.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
module="$here/../bundles/org.plugboard.directory"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mvn -B -q ${MAVEN_OPTS_REPO:-} -f "$module/pom.xml" dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$tmp/cp" >/dev/null
mvn -B -q ${MAVEN_OPTS_REPO:-} -f "$module/pom.xml" dependency:copy -Dartifact=com.zaxxer:HikariCP:5.1.0 -DoutputDirectory="$tmp" >/dev/null
jar=${DIRECTORY_JAR:-$(ls "$module"/target/org.plugboard.directory-*.jar | grep -v sources | head -1)}
java -cp "$jar:$tmp/HikariCP-5.1.0.jar:$(cat "$tmp/cp")" "$here/directory/Ha1LookupBench.java" "$@"
