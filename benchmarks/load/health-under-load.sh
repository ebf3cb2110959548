#!/usr/bin/env bash
# Health probes under load: 50 clients send novelty searches back to back for a fixed time while a probe polls
# /health/live and /health/ready every 50 ms; prints probe latency percentiles and the novelty status counts.
# Loopback only, bounded in time, stops by itself.
#
#   benchmarks/load/health-under-load.sh [--url http://127.0.0.1:5080] [--clients 50] [--seconds 20]
#
# Start the service first (README, command 1). Needs curl and python3 (for the percentiles).
set -euo pipefail
URL=http://127.0.0.1:5080
CLIENTS=50
SECONDS_RUN=20
while [[ $# -gt 0 ]]; do
  case "$1" in
    --url) URL="$2"; shift 2 ;;
    --clients) CLIENTS="$2"; shift 2 ;;
    --seconds) SECONDS_RUN="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
case "$URL" in http://127.*|http://localhost*|http://\[::1\]*) ;; *) echo "loopback URLs only" >&2; exit 2 ;; esac
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT
end=$(( $(date +%s) + SECONDS_RUN ))
mapfile -t texts < "$HERE/novelty-texts.txt"
for c in $(seq 1 "$CLIENTS"); do
  (
    i=$c
    while [ "$(date +%s)" -lt "$end" ]; do
      text=${texts[$(( i % ${#texts[@]} ))]}
      body=$(python3 -c 'import json,sys; print(json.dumps({"text": sys.argv[1], "size": 10}))' "$text")
      curl -s -o /dev/null -w '%{http_code}\n' -H 'content-type: application/json' -d "$body" "$URL/api/v1/novelty" >> "$work/novelty-$c.txt" || true
      i=$(( i + 1 ))
    done
  ) &
done
sleep 2  # let the load build up before probing
while [ "$(date +%s)" -lt "$end" ]; do
  curl -s -o /dev/null -w '%{time_total} %{http_code}\n' "$URL/health/live" >> "$work/live.txt" || true
  curl -s -o /dev/null -w '%{time_total} %{http_code}\n' "$URL/health/ready" >> "$work/ready.txt" || true
  sleep 0.05
done
wait
python3 - "$work" <<'PY'
import glob, os, statistics, sys
work = sys.argv[1]
def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]
for probe in ("live", "ready"):
    rows = [line.split() for line in open(os.path.join(work, probe + ".txt")) if line.strip()]
    ms = [float(t) * 1000 for t, _ in rows]
    codes = {c: sum(1 for _, k in rows if k == c) for c in sorted({k for _, k in rows})}
    print(f"/health/{probe}: n={len(ms)} p50={pct(ms, 50):.1f} ms p95={pct(ms, 95):.1f} ms max={max(ms):.1f} ms status={codes}")
codes = {}
for f in glob.glob(os.path.join(work, "novelty-*.txt")):
    for line in open(f):
        codes[line.strip()] = codes.get(line.strip(), 0) + 1
print(f"novelty responses: {dict(sorted(codes.items()))}")
PY
