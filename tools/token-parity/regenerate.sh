#!/usr/bin/env bash
# Regenerates tests/Core.Tests/Analysis/Fixtures/parity-java-tokens.jsonl with Java Lucene 8.7 (Debian's
# liblucene8-java), the reference the Lucene.Net analysis must match. See docs/token-parity.md.
# Usage (from anywhere): bash tools/token-parity/regenerate.sh
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JARS="${LUCENE_JAR_DIR:-/usr/share/java}"
VERSION="${LUCENE_VERSION:-8.7.0}"   # the fixtures are documented as Lucene 8.7.0; change both together
MODULES=(lucene-core lucene-analyzers-common lucene-analyzers-smartcn)
STOPWORDS="$REPO/src/Core/Resources/patent-stopwords.txt"
SENTENCES="$REPO/tests/Core.Tests/Analysis/Fixtures/parity-sentences.txt"
OUTPUT="$REPO/tests/Core.Tests/Analysis/Fixtures/parity-java-tokens.jsonl"

jars_present() {
  local m
  for m in "${MODULES[@]}"; do
    [[ -f "$JARS/$m-$VERSION.jar" ]] || return 1
  done
}

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi
}

if ! jars_present; then
  echo "Lucene $VERSION jars missing in $JARS; installing liblucene8-java" >&2
  # update first: a fresh container has no package lists
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends liblucene8-java
  if ! jars_present; then
    echo "liblucene8-java did not provide Lucene $VERSION in $JARS:" >&2
    ls "$JARS"/lucene-core-*.jar >&2 || true
    echo "Set LUCENE_VERSION to the installed one and update docs/token-parity.md." >&2
    exit 1
  fi
fi
for tool in java javac; do
  command -v "$tool" >/dev/null || { echo "$tool not found (apt-get install default-jdk-headless)" >&2; exit 1; }
done

CLASSPATH=""
for m in "${MODULES[@]}"; do
  CLASSPATH="${CLASSPATH:+$CLASSPATH:}$JARS/$m-$VERSION.jar"
done

# Classes go to a temp dir so nothing compiled ever lands in the tree.
BUILD="$(mktemp -d)"
trap 'rm -rf "$BUILD"' EXIT
javac -encoding UTF-8 -Xlint:all -Werror -d "$BUILD" -cp "$CLASSPATH" "$REPO/tools/token-parity/TokenDump.java"
# Write to a temp file first so a failed run never leaves a truncated fixture.
java -Dfile.encoding=UTF-8 -cp "$BUILD:$CLASSPATH" TokenDump "$STOPWORDS" "$SENTENCES" "$BUILD/out.jsonl"
mv "$BUILD/out.jsonl" "$OUTPUT"
echo "wrote $OUTPUT ($(wc -l < "$OUTPUT") sentences, Lucene $VERSION)" >&2
