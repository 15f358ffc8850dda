#!/usr/bin/env bash
# Releases org.plugboard.api as VERSION inside the repository (nothing is published off the machine):
#   cnf/release-api.sh 1.0.0 [extra mvn arguments, e.g. -o -Dmaven.repo.local=...]
# builds the API with Bundle-Version VERSION, keeps the jar and a pom in cnf/baseline/ (replacing the previous
# release, which stays in git history), makes VERSION the baseline and the next micro SNAPSHOT the API's
# development version, then builds the API once more against the new baseline. Commit what it changed.
# Re-running it with the version of the current baseline re-cuts that release from the current sources.
set -euo pipefail
cd "$(dirname "$0")/.."
version=${1:?usage: cnf/release-api.sh X.Y.Z [mvn arguments]}
shift
[[ $version =~ ^([0-9]+)\.([0-9]+)\.([0-9]+)$ ]] || { echo "version must be X.Y.Z, not $version" >&2; exit 2; }
next="${BASH_REMATCH[1]}.${BASH_REMATCH[2]}.$((BASH_REMATCH[3] + 1)).SNAPSHOT"
api=bundles/org.plugboard.api
dir=cnf/baseline
current=$(sed -n 's:.*<plugboard.api.baseline>\(.*\)</plugboard.api.baseline>.*:\1:p' $api/pom.xml)
[ -f "$dir/org.plugboard.api-$current.jar" ] || { echo "the current baseline $dir/org.plugboard.api-$current.jar is missing" >&2; exit 1; }

echo "== building org.plugboard.api $version (baseline was $current)"
sed -i "s/^Bundle-Version: .*/Bundle-Version: $version/" $api/bnd.bnd
# package, not verify: the release itself is not baselined (a re-cut of the current baseline may differ from it).
# A fixed entry time: re-cutting unchanged sources gives the same bytes.
mvn -B -q "$@" -pl $api -am clean package -DskipTests -Dproject.build.outputTimestamp=2026-01-01T00:00:00Z
jar=$(ls $api/target/org.plugboard.api-*.jar | grep -v -e sources -e tests)
built=$(unzip -p "$jar" META-INF/MANIFEST.MF | tr -d '\r' | sed -n 's/^Bundle-Version: //p')
[ "$built" = "$version" ] || { echo "built Bundle-Version $built, expected $version" >&2; exit 1; }

rm -f $dir/org.plugboard.api-*.jar $dir/org.plugboard.api-*.pom
mkdir -p $dir
cp "$jar" "$dir/org.plugboard.api-$version.jar"
cat > "$dir/org.plugboard.api-$version.pom" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<!-- The released Plugboard API, as a plugin vendor gets it from a repository. Written by cnf/release-api.sh. -->
<project xmlns="http://maven.apache.org/POM/4.0.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 http://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>org.plugboard</groupId>
  <artifactId>org.plugboard.api</artifactId>
  <version>$version</version>
  <name>Plugboard :: API</name>
  <description>Extension points and value types of the Plugboard SIP PBX (call services, media applications,
    SIP rewriters, routers, CDR sinks). The SIP-level types use javax.sip (javax.sip:jain-sip-ri:1.3.0-91).</description>
  <licenses><license><name>Apache-2.0</name></license></licenses>
</project>
POM
sed -i "s:<plugboard.api.baseline>.*</plugboard.api.baseline>:<plugboard.api.baseline>$version</plugboard.api.baseline>:" $api/pom.xml
sed -i "s/^Bundle-Version: .*/Bundle-Version: $next/" $api/bnd.bnd

echo "== checking $next against the new baseline $version"
mvn -B -q "$@" -pl $api install -DskipTests
echo "released org.plugboard.api $version; development goes on as $next. Commit:"
echo "  git add $dir $api/pom.xml $api/bnd.bnd && git commit -m 'api: release $version (baseline)'"
