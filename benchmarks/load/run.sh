#!/usr/bin/env bash
# Service load test: builds PatentNav in Release, starts it on 127.0.0.1 with a free port and drives it with wrk over
# loopback only, at fixed concurrency and for a bounded time, for three workloads (expert search, novelty search,
# get-by-number). A single-connection expert pass is compared with the in-process engine p50 of the same queries
# (benchmarks/PatentNav.LoadBaseline): HTTP overhead at p50 = single-connection HTTP p50 - in-process p50.
#
#   benchmarks/load/run.sh [--index-dir DIR] [--numbers FILE] [--duration 30s] [--connections 8] [--threads 2]
#                          [--warmup 5s] [--baseline-seconds 10] [--out benchmarks/results/load.json]
#
# --numbers: publication numbers the index holds, one per line (default: patent-numbers.txt, demo numbers;
#            patent-numbers-synthetic.txt: numbers of the synthetic corpora, seed 1, in every size from 100k up).
#
# Default index: the demo corpus, indexed on the first start into benchmarks/load/.data/index (git-ignored).
# Writes benchmarks/results/load.json and prints a table. The service is stopped on exit.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
INDEX_DIR=""
DURATION="30s"
CONNECTIONS=8
THREADS=2
WARMUP="5s"
BASELINE_SECONDS=10
OUT="$REPO/benchmarks/results/load.json"
NUMBERS="$HERE/patent-numbers.txt"
HOST=127.0.0.1   # loopback only: the service binds here and wrk only ever targets this address

usage() { sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --index-dir) INDEX_DIR="$2"; shift 2 ;;
    --numbers) NUMBERS="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --baseline-seconds) BASELINE_SECONDS="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done

seconds_of() {  # 30s / 2m / 45 -> seconds
  local v="$1"
  case "$v" in
    *ms) echo 1 ;;
    *s) echo "${v%s}" ;;
    *m) echo $(( ${v%m} * 60 )) ;;
    *h) echo $(( ${v%h} * 3600 )) ;;
    *) echo "$v" ;;
  esac
}
[[ "$CONNECTIONS" =~ ^[0-9]+$ && "$THREADS" =~ ^[0-9]+$ && "$CONNECTIONS" -ge "$THREADS" && "$THREADS" -ge 1 ]] \
  || { echo "--connections and --threads must be integers with connections >= threads >= 1" >&2; exit 2; }
DURATION_S="$(seconds_of "$DURATION")"; WARMUP_S="$(seconds_of "$WARMUP")"
[[ "$DURATION_S" =~ ^[0-9]+$ && "$WARMUP_S" =~ ^[0-9]+$ && "$DURATION_S" -ge 1 ]] || { echo "bad --duration/--warmup" >&2; exit 2; }

# --- tools -------------------------------------------------------------------------------------------------------
if ! command -v wrk >/dev/null 2>&1; then
  echo "== installing wrk (apt-get)"
  SUDO=""; [[ "$(id -u)" -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq wrk >/dev/null
fi
for tool in dotnet curl jq python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "$tool is required" >&2; exit 2; }
done

# --- build -------------------------------------------------------------------------------------------------------
echo "== building (Release)"
dotnet build "$REPO/src/SearchApi/PatentNav.SearchApi.csproj" -c Release -nologo -v q -clp:ErrorsOnly
dotnet build "$REPO/benchmarks/PatentNav.LoadBaseline/PatentNav.LoadBaseline.csproj" -c Release -nologo -v q -clp:ErrorsOnly
SERVICE_DLL="$REPO/src/SearchApi/bin/Release/net10.0/patentnav-search.dll"
BASELINE_DLL="$REPO/benchmarks/PatentNav.LoadBaseline/bin/Release/net10.0/patentnav-load-baseline.dll"

# --- data dir: <data>/index is the index under test ---------------------------------------------------------------
WORK="$(mktemp -d "${TMPDIR:-/tmp}/patentnav-load.XXXXXX")"
if [[ -n "$INDEX_DIR" ]]; then
  [[ -d "$INDEX_DIR" ]] || { echo "--index-dir $INDEX_DIR does not exist" >&2; exit 2; }
  INDEX_DIR="$(cd "$INDEX_DIR" && pwd)"
  DATA_DIR="$WORK/data"; mkdir -p "$DATA_DIR"; ln -s "$INDEX_DIR" "$DATA_DIR/index"
else
  DATA_DIR="$HERE/.data"; mkdir -p "$DATA_DIR"
  INDEX_DIR="$DATA_DIR/index"
fi

SERVICE_PID=""
cleanup() {
  if [[ -n "$SERVICE_PID" ]] && kill -0 "$SERVICE_PID" 2>/dev/null; then
    kill "$SERVICE_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$SERVICE_PID" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$SERVICE_PID" 2>/dev/null || true
  fi
  SERVICE_PID=""
  rm -rf "$WORK/data"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
BASE="http://$HOST:$PORT"
LOG="$WORK/service.log"
echo "== starting service on $BASE (data dir $DATA_DIR, log $LOG)"
LOADAVG_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
PATENTNAV_DATA_DIR="$DATA_DIR" \
PatentNav__RateLimit__PermitLimit=2000000000 \
ASPNETCORE_ENVIRONMENT=Production \
  dotnet "$SERVICE_DLL" --urls "$BASE" >"$LOG" 2>&1 &
SERVICE_PID=$!

ready=0
for _ in $(seq 1 600); do   # up to 5 minutes: the first start indexes the demo corpus
  kill -0 "$SERVICE_PID" 2>/dev/null || { echo "service exited; log:" >&2; tail -30 "$LOG" >&2; exit 1; }
  if [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$BASE/health/ready" || true)" == "200" ]]; then ready=1; break; fi
  sleep 0.5
done
[[ "$ready" == 1 ]] || { echo "service not ready after 5 minutes" >&2; tail -30 "$LOG" >&2; exit 1; }
echo "== ready"

# Smoke check: every input of every workload answers 200 before we measure.
first_query="$(head -1 "$HERE/expert-queries.txt")"
code_search="$(curl -s -o /dev/null -w '%{http_code}' -G --data-urlencode "q=$first_query" "$BASE/api/v1/search")"
code_novelty="$(curl -s -o /dev/null -w '%{http_code}' -H 'content-type: application/json' \
  -d "$(jq -Rn --arg t "$(head -1 "$HERE/novelty-texts.txt")" '{text:$t,size:10}')" "$BASE/api/v1/novelty")"
code_patent="$(curl -s -o /dev/null -w '%{http_code}' "$BASE/api/v1/patents/$(head -1 "$NUMBERS" | jq -sRr '@uri' | sed 's/%0A$//')")"
echo "   smoke: search $code_search, novelty $code_novelty, patent $code_patent"
[[ "$code_search$code_novelty$code_patent" == "200200200" ]] || { echo "smoke check failed" >&2; tail -30 "$LOG" >&2; exit 1; }

# run_wrk NAME SCRIPT LIST CONNECTIONS THREADS DURATION -> prints the JSON of the merged statistics
run_wrk() {
  local name="$1" script="$2" list="$3" c="$4" t="$5" d="$6" d_s raw
  d_s="$(seconds_of "$d")"
  raw="$WORK/wrk-$name.txt"
  timeout "$(( d_s + 60 ))" wrk -t"$t" -c"$c" -d"$d" --timeout 10s --latency -s "$HERE/$script" "$BASE" -- "$list" >"$raw" 2>&1 \
    || { echo "wrk $name failed:" >&2; cat "$raw" >&2; return 1; }
  sed -n 's/^WRK_JSON //p' "$raw"
}

RESULTS="$WORK/workloads.json"; echo '{}' >"$RESULTS"
add_result() { jq --arg k "$1" --argjson v "$2" '.[$k] = $v' "$RESULTS" >"$RESULTS.tmp" && mv "$RESULTS.tmp" "$RESULTS"; }

declare -a WORKLOADS=("expert expert.lua $HERE/expert-queries.txt" "novelty novelty.lua $HERE/novelty-texts.txt" "patent patent.lua $NUMBERS")
for w in "${WORKLOADS[@]}"; do
  read -r name script list <<<"$w"
  if [[ "$WARMUP_S" -gt 0 ]]; then
    echo "== $name: warm-up $WARMUP"
    run_wrk "$name-warmup" "$script" "$list" "$CONNECTIONS" "$THREADS" "$WARMUP" >/dev/null
  fi
  echo "== $name: $DURATION, $CONNECTIONS connections, $THREADS threads"
  json="$(run_wrk "$name" "$script" "$list" "$CONNECTIONS" "$THREADS" "$DURATION")"
  add_result "$name" "$json"
  echo "   $(jq -r '"\(.rps|floor) req/s, p50 \(.latency_ms.p50) ms, p99 \(.latency_ms.p99) ms, errors \(.errors)"' <<<"$json")"
done
echo "== expert single connection (-c1 -t1): $DURATION"
SINGLE="$(run_wrk expert-c1 expert.lua "$HERE/expert-queries.txt" 1 1 "$DURATION")"
echo "   $(jq -r '"\(.rps|floor) req/s, p50 \(.latency_ms.p50) ms, p99 \(.latency_ms.p99) ms"' <<<"$SINGLE")"
LOADAVG_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"
SERVICE_RSS_KB="$(awk '/VmHWM/ {print $2}' "/proc/$SERVICE_PID/status" 2>/dev/null || echo 0)"

echo "== stopping service"
cleanup

echo "== in-process baseline (same inputs, single thread, ${BASELINE_SECONDS}s per workload)"
BASE_JSON="$WORK/baseline.json"
dotnet "$BASELINE_DLL" --index-dir "$INDEX_DIR" --seconds "$BASELINE_SECONDS" \
  --queries "$HERE/expert-queries.txt" --novelty "$HERE/novelty-texts.txt" --numbers "$NUMBERS" \
  --out "$BASE_JSON" >/dev/null

# --- report ------------------------------------------------------------------------------------------------------
mkdir -p "$(dirname "$OUT")"
CPU="$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)"
MEM_GIB="$(awk '/MemTotal/ {printf "%.1f", $2/1048576}' /proc/meminfo)"
jq -n \
  --arg date "$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
  --arg commit "$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)" \
  --arg cpu "$CPU" --argjson cores "$(nproc)" --arg mem "$MEM_GIB" \
  --arg dotnet "$(dotnet --version)" --arg wrk "$(wrk -v 2>&1 | head -1 | awk '{print $2}')" \
  --arg index "$INDEX_DIR" \
  --arg duration "$DURATION" --argjson connections "$CONNECTIONS" --argjson threads "$THREADS" --arg warmup "$WARMUP" \
  --arg la_before "$LOADAVG_BEFORE" --arg la_after "$LOADAVG_AFTER" --argjson rss "${SERVICE_RSS_KB:-0}" \
  --slurpfile workloads "$RESULTS" --argjson single "$SINGLE" --slurpfile baseline "$BASE_JSON" '
  {
    date: $date, commit: $commit,
    machine: {cpu: $cpu, cores: $cores, memoryGiB: ($mem|tonumber), dotnet: $dotnet, wrk: $wrk,
              loadavgBefore: $la_before, loadavgAfter: $la_after,
              note: "wrk and the service share the same cores over loopback"},
    index: {dir: $index, documents: $baseline[0].documents},
    settings: {target: "127.0.0.1 (loopback)", duration: $duration, warmup: $warmup, connections: $connections, threads: $threads,
               rateLimitPermitLimit: 2000000000, serviceConfiguration: "Release, ASPNETCORE_ENVIRONMENT=Production"},
    servicePeakRssMiB: (($rss / 1024) | floor),
    workloads: $workloads[0],
    expertSingleConnection: $single,
    inProcess: $baseline[0].workloads,
    httpOverheadAtP50Ms: {
      expert: (($single.latency_ms.p50 - $baseline[0].workloads.expert.p50_ms) * 1000 | round / 1000),
      httpP50Ms: $single.latency_ms.p50,
      inProcessP50Ms: $baseline[0].workloads.expert.p50_ms
    }
  }' >"$OUT"

echo
echo "PatentNav service load test: $(jq -r '.index.documents' "$OUT") documents, $CONNECTIONS connections / $THREADS threads, $DURATION each, 127.0.0.1"
echo "machine: $CPU, $(nproc) cores; load average before $LOADAVG_BEFORE, after $LOADAVG_AFTER"
jq -r '
  def f(x): (x * 100 | round / 100 | tostring);
  (["workload", "connections", "req/s", "p50 ms", "p99 ms", "errors", "in-process p50 ms"] | @tsv),
  (.inProcess as $ip | .settings.connections as $c | .workloads | to_entries[] |
    [.key, ($c|tostring), f(.value.rps), f(.value.latency_ms.p50), f(.value.latency_ms.p99),
     (.value.errors | (.connect + .read + .write + .status + .timeout) | tostring), f($ip[.key].p50_ms)] | @tsv),
  (.expertSingleConnection | ["expert (-c1 -t1)", "1", f(.rps), f(.latency_ms.p50), f(.latency_ms.p99),
     (.errors | (.connect + .read + .write + .status + .timeout) | tostring), ""] | @tsv)
' "$OUT" | column -t -s $'\t'
jq -r '"\nHTTP overhead at p50 (expert) = single-connection HTTP p50 \(.httpOverheadAtP50Ms.httpP50Ms) ms - in-process p50 \(.httpOverheadAtP50Ms.inProcessP50Ms) ms = \(.httpOverheadAtP50Ms.expert) ms"' "$OUT"
echo "written: $OUT"
