#!/usr/bin/env bash
# wrk against mock-gc's activity-code list (a small authenticated GET), on 127.0.0.1 only.
# Starts build/bin/mock-gc serve --port 0, logs in with curl, runs wrk --latency for a bounded time, reports
# req/s, p50/p99 and the server's RSS (VmRSS now, VmHWM peak), then stops the server with SIGTERM.
#
#   bench/wrk/run.sh                     # defaults below
#   DURATION=30s CONNECTIONS=128 bench/wrk/run.sh
#
# Knobs (environment): MOCKGC_BIN (build/bin/mock-gc), DURATION (10s, capped at 120s), CONNECTIONS (64),
# WRK_THREADS (1), SERVER_THREADS (2), REGION (eu_central_1), BENCH_TARGET (path override; default
# /api/v2/workforcemanagement/businessunits/<first BU>/activitycodes).
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${MOCKGC_BIN:-$root/build/bin/mock-gc}
duration=${DURATION:-10s}
connections=${CONNECTIONS:-64}
wrk_threads=${WRK_THREADS:-1}
server_threads=${SERVER_THREADS:-2}
region=${REGION:-eu_central_1}

command -v wrk >/dev/null || { echo "run.sh: wrk not found (Debian package 'wrk')" >&2; exit 1; }
command -v curl >/dev/null || { echo "run.sh: curl not found" >&2; exit 1; }
[ -x "$bin" ] || { echo "run.sh: $bin not built (cmake --build --preset dev)" >&2; exit 1; }
case $duration in
  *s) [ "${duration%s}" -le 120 ] || { echo "run.sh: DURATION above 120s" >&2; exit 1; } ;;
  *) echo "run.sh: DURATION must be in seconds, e.g. 10s" >&2; exit 1 ;;
esac

work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then kill -TERM "$server_pid"; wait "$server_pid" || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# The default world minus its Genesys limiter (300/min per client): this measures serving, not 429s.
# THROTTLED=1 keeps the limiter (then most answers are 429s after the first 300).
scenario="$work/default.json"
if [ "${THROTTLED:-0}" = 1 ]; then cp "$root/scenarios/default.json" "$scenario"
else grep -v '^  "rate_limits": {},$' "$root/scenarios/default.json" >"$scenario"; fi
"$bin" serve --scenario "$scenario" --port 0 --threads "$server_threads" >"$work/banner" 2>"$work/stderr" &
server_pid=$!
for _ in $(seq 100); do grep -qx ready "$work/banner" 2>/dev/null && break; sleep 0.1; done
grep -qx ready "$work/banner" || { echo "run.sh: mock-gc did not start" >&2; cat "$work/stderr" >&2; exit 1; }

line=$(grep "^region=$region " "$work/banner")
word() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<" $line"; }
url=$(word url); client_id=$(word client_id); client_secret=$(word client_secret)

token=$(curl -s -u "$client_id:$client_secret" -d grant_type=client_credentials "$url/oauth/token" |
        sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
[ -n "$token" ] || { echo "run.sh: login failed (placeholder core?); benchmarking without a valid token" >&2; token=none; }
auth="Authorization: Bearer $token"

if [ -n "${BENCH_TARGET:-}" ]; then
  target=$BENCH_TARGET
else
  # The first business unit's own id (keys are sorted, so a plain grep would find the division's id first).
  bu=$(curl -s -H "$auth" "$url/api/v2/workforcemanagement/businessunits" |
       python3 -c 'import json,sys; print(json.load(sys.stdin)["entities"][0]["id"])' 2>/dev/null || true)
  target=/api/v2/workforcemanagement/businessunits/${bu:-unknown-bu}/activitycodes
fi
status=$(curl -s -o "$work/sample" -w '%{http_code}' -H "$auth" "$url$target")
bytes=$(wc -c <"$work/sample")

wrk -t "$wrk_threads" -c "$connections" -d "$duration" --latency -H "$auth" "$url$target" >"$work/wrk"
rps=$(awk '/^Requests\/sec:/ {print $2}' "$work/wrk")
p50=$(awk '$1=="50%" {print $2}' "$work/wrk")
p99=$(awk '$1=="99%" {print $2}' "$work/wrk")
non2xx=$(awk '/Non-2xx/ {print $NF}' "$work/wrk")
rss=$(awk '/^VmRSS/ {print $2" "$3}' "/proc/$server_pid/status")
hwm=$(awk '/^VmHWM/ {print $2" "$3}' "/proc/$server_pid/status")

cat "$work/wrk"
echo
echo "target: GET $target -> HTTP $status, $bytes body bytes (non-2xx during run: ${non2xx:-0})"
echo "| commit | req/s | p50 | p99 | RSS (VmRSS / VmHWM) | wrk -t/-c/-d | server threads | answer |"
echo "|---|---|---|---|---|---|---|---|"
echo "| $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo ?) | $rps | $p50 | $p99 | $rss / $hwm | $wrk_threads/$connections/$duration | $server_threads | $status, ${bytes} B |"

kill -TERM "$server_pid"
if wait "$server_pid"; then echo "mock-gc stopped cleanly (exit 0)"; else echo "mock-gc exit status $?" >&2; exit 1; fi
server_pid=""
