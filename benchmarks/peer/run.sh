#!/usr/bin/env bash
# Side-by-side peer benchmark: PatentNav (Lucene.Net 4.8 embedded engine) against Java Lucene 8.7 (Debian's
# liblucene8-java) on the same synthetic corpus, documents, queries and loops. See benchmarks/README.md.
# Usage (from anywhere): bash benchmarks/peer/run.sh [--docs N] [--threads T] [--keep-index DIR]
#   --docs N          corpus size (default 100000)
#   --threads T       writer threads on both sides (default: the machine's cores)
#   --keep-index DIR  keeps PatentNav's index in DIR and Java's in DIR.java instead of deleting them (for
#                     BenchmarkDotNet, the load test, profiling and --queries-only)
#   --queries-only    re-measures only the query loops of both sides on the indexes kept by an earlier
#                     run with the same --docs and --keep-index DIR; its indexing figures are carried over
# Writes benchmarks/results/peer.json and prints the table. Corpus and flattened documents are cached in
# benchmarks/peer/.cache/ (git-ignored); indexes are rebuilt on every run.
set -euo pipefail

DOCS=100000
KEEP_INDEX=""
THREADS="$(nproc)"
QUERIES_ONLY=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --docs) DOCS="$2"; shift 2 ;;
    --keep-index) KEEP_INDEX="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --queries-only) QUERIES_ONLY=1; shift ;;
    *) echo "usage: $0 [--docs N] [--threads T] [--keep-index DIR] [--queries-only]" >&2; exit 2 ;;
  esac
done

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
if [[ $QUERIES_ONLY -eq 1 && ( -z "$KEEP_INDEX" || ! -d "$KEEP_INDEX" || ! -d "$KEEP_INDEX.java" ) ]]; then
  echo "--queries-only needs --keep-index DIR with the indexes of an earlier run (DIR and DIR.java)" >&2; exit 2
fi
JARS="${LUCENE_JAR_DIR:-/usr/share/java}"
VERSION="${LUCENE_VERSION:-8.7.0}"
MODULES=(lucene-core lucene-analyzers-common lucene-analyzers-smartcn)
CACHE="$REPO/benchmarks/peer/.cache"
mkdir -p "$CACHE" "$REPO/benchmarks/results"

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi
}
jars_present() {
  local m
  for m in "${MODULES[@]}"; do [[ -f "$JARS/$m-$VERSION.jar" ]] || return 1; done
}

# 1. What the Java side needs.
if ! jars_present || ! command -v javac >/dev/null || ! command -v java >/dev/null; then
  echo "installing liblucene8-java default-jdk-headless" >&2
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends liblucene8-java default-jdk-headless
  jars_present || { echo "liblucene8-java did not provide Lucene $VERSION in $JARS (set LUCENE_VERSION)" >&2; exit 1; }
fi
command -v dotnet >/dev/null || { echo "dotnet not found: install the .NET 10 SDK (README.md)" >&2; exit 1; }
CLASSPATH=""
for m in "${MODULES[@]}"; do CLASSPATH="${CLASSPATH:+$CLASSPATH:}$JARS/$m-$VERSION.jar"; done

# 2. Build both sides.
dotnet build "$REPO/src/Indexer" -c Release -v quiet -nologo >&2
dotnet build "$REPO/benchmarks/PatentNav.PeerBench" -c Release -v quiet -nologo >&2
CLASSES="$CACHE/classes"
rm -rf "$CLASSES" && mkdir -p "$CLASSES"
javac -encoding UTF-8 -Xlint:all -Werror -d "$CLASSES" -cp "$CLASSPATH" "$REPO/benchmarks/peer/PeerBench.java"

# 3. Corpus (cached; same --docs and --seed give the same bytes).
CORPUS="$CACHE/synthetic-$DOCS.jsonl"
if [[ ! -s "$CORPUS" ]]; then
  dotnet "$REPO/src/Indexer/bin/Release/net10.0/patentnav-indexer.dll" synthesize --docs "$DOCS" --seed 1 --out "$CORPUS.tmp" >&2
  mv "$CORPUS.tmp" "$CORPUS"
fi

# 4. PatentNav: index, export documents and queries, query loops. 5. Java Lucene on the same documents and queries.
PN_INDEX="$CACHE/idx-patentnav"; JAVA_INDEX="$CACHE/idx-java"; REUSE=false
if [[ $QUERIES_ONLY -eq 1 ]]; then PN_INDEX="$KEEP_INDEX"; JAVA_INDEX="$KEEP_INDEX.java"; REUSE=true; fi
echo "== PatentNav (Lucene.Net) ==" >&2
dotnet "$REPO/benchmarks/PatentNav.PeerBench/bin/Release/net10.0/patentnav-peerbench.dll" run \
  --corpus "$CORPUS" --index-dir "$PN_INDEX" --docs-out "$CACHE/docs-$DOCS.tsv" \
  --queries-out "$CACHE/queries-$DOCS.jsonl" --metrics-out "$CACHE/patentnav-$DOCS.json" --threads "$THREADS" \
  --reuse-index "$REUSE"
echo "== Java Lucene $VERSION ($(java -version 2>&1 | head -1)) ==" >&2
if [[ $QUERIES_ONLY -eq 1 ]]; then
  java -Dfile.encoding=UTF-8 -cp "$CLASSES:$CLASSPATH" PeerBench --query-only "$JAVA_INDEX" \
    "$CACHE/queries-$DOCS.jsonl" "$CACHE/java-$DOCS.json"
else
  java -Dfile.encoding=UTF-8 -cp "$CLASSES:$CLASSPATH" PeerBench "$REPO/src/Core/Resources/patent-stopwords.txt" \
    "$CACHE/docs-$DOCS.tsv" "$CACHE/queries-$DOCS.jsonl" "$JAVA_INDEX" "$CACHE/java-$DOCS.json" "$THREADS"
  if [[ -n "$KEEP_INDEX" ]]; then
    rm -rf "$KEEP_INDEX" "$KEEP_INDEX.java" && mkdir -p "$(dirname "$KEEP_INDEX")"
    mv "$PN_INDEX" "$KEEP_INDEX" && mv "$JAVA_INDEX" "$KEEP_INDEX.java"
    echo "indexes kept in $KEEP_INDEX (PatentNav) and $KEEP_INDEX.java (Java)" >&2
  else
    rm -rf "$PN_INDEX" "$JAVA_INDEX"
  fi
fi

# 6. Merge and print; peer.json is the latest run, peer-N.json the latest run at N documents.
dotnet "$REPO/benchmarks/PatentNav.PeerBench/bin/Release/net10.0/patentnav-peerbench.dll" merge \
  --docs "$DOCS" --csharp "$CACHE/patentnav-$DOCS.json" --java "$CACHE/java-$DOCS.json" --out "$REPO/benchmarks/results/peer.json"
cp "$REPO/benchmarks/results/peer.json" "$REPO/benchmarks/results/peer-$DOCS.json"
echo "wrote benchmarks/results/peer.json and peer-$DOCS.json" >&2
