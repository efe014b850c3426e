#!/usr/bin/env bash
# mock-gc beside its peers, in one sitting: every server answers the same activity-code list (the bytes
# mock-gc serves for the first business unit), wrk measures each in turn with the same settings, and a table
# gives req/s, its share of the ceiling, p50/p99 and the server's RSS before and after the load.
#
#   bench/peers/run.sh                               # all servers, 10 s each
#   DURATION=20s CONNECTIONS=64 PEERS="ceiling mock-gc wiremock" bench/peers/run.sh
#
# Servers (PEERS, in this order by default):
#   ceiling      build/bin/epoll_ceiling: a minimal epoll responder with the same bytes (what this box can do)
#   mock-gc      build/bin/mock-gc serve, the default world without its Genesys limiter, authenticated GET
#   wiremock     WireMock 3.13.2 standalone (npm `wiremock` carries the jar; needs a JRE)
#   mountebank   Mountebank 2.9.2 (@mbtest/mountebank); its imposter sends `Connection: keep-alive`, or it
#                closes every connection
#   prism        Prism 5.14.2 mocking a one-path OpenAPI document whose example is the body
#   mockoon      Mockoon CLI 9.9.0 with a one-route environment
#   json-server  json-server 0.17.4 serving {"codes": body} (it re-renders the JSON: its byte count differs)
# The peers are installed with npm from the committed bench/peers/package-lock.json into PEERS_CACHE
# (default ~/.cache/mockgc-peers), never into the repository. Missing Debian packages (wrk, a JRE) are
# installed by scripts/install-deps.sh. Not part of `make test`: numbers mean something only on an idle box.
#
# Knobs (environment): DURATION (10s, at most 120s), WARMUP (3s, unmeasured, before each), CONNECTIONS (32), WRK_THREADS (2), SERVER_THREADS (2),
# PEERS, PEERS_CACHE, MOCKGC_BIN (build/bin/mock-gc), CEILING_BIN (build/bin/epoll_ceiling).
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
here="$root/bench/peers"
mockgc_bin=${MOCKGC_BIN:-$root/build/bin/mock-gc}
ceiling_bin=${CEILING_BIN:-$root/build/bin/epoll_ceiling}
cache=${PEERS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mockgc-peers}
duration=${DURATION:-10s}
warmup=${WARMUP:-3s}
connections=${CONNECTIONS:-32}
wrk_threads=${WRK_THREADS:-2}
server_threads=${SERVER_THREADS:-2}
peers=${PEERS:-"ceiling mock-gc wiremock mountebank prism mockoon json-server"}

for d in "$duration" "$warmup"; do
  case $d in
    *s) [ "${d%s}" -le 120 ] || { echo "peers: DURATION/WARMUP above 120s" >&2; exit 1; } ;;
    *) echo "peers: DURATION and WARMUP must be in seconds, e.g. 10s" >&2; exit 1 ;;
  esac
done
for bin in "$mockgc_bin" "$ceiling_bin"; do
  [ -x "$bin" ] || { echo "peers: $bin not built (make build)" >&2; exit 1; }
done

# Debian packages: wrk always, a JRE for WireMock.
extra=(wrk curl)
case " $peers " in *" wiremock "*) command -v java >/dev/null || extra+=(openjdk-17-jre-headless) ;; esac
"$root/scripts/install-deps.sh" "${extra[@]}"

# npm peers, pinned by the committed lock, in a cache outside the repository.
needs_npm=0
for p in $peers; do case $p in ceiling | mock-gc) ;; *) needs_npm=1 ;; esac; done
if [ $needs_npm = 1 ]; then
  mkdir -p "$cache"
  if ! cmp -s "$here/package-lock.json" "$cache/package-lock.json" || [ ! -d "$cache/node_modules" ]; then
    echo "peers: installing the pinned peers into $cache"
    cp "$here/package.json" "$here/package-lock.json" "$cache/"
    (cd "$cache" && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
modules="$cache/node_modules"

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
# Waits until GET $1 answers 200 (with optional header $2), at most 60 s.
wait_ready() {
  for _ in $(seq 600); do
    code=$(curl -s -o /dev/null -w '%{http_code}' ${2:+-H "$2"} "$1" 2>/dev/null || true)
    [ "$code" = 200 ] && return 0
    sleep 0.1
  done
  echo "peers: $1 did not answer 200 within 60 s" >&2
  return 1
}

# mock-gc first: it provides the body every other server serves.
scenario="$work/default.json"
grep -v '^  "rate_limits": {},$' "$root/scenarios/default.json" >"$scenario"
"$mockgc_bin" serve --scenario "$scenario" --port 0 --threads "$server_threads" >"$work/banner" 2>"$work/mockgc.err" &
mockgc_pid=$!
pids+=("$mockgc_pid")
for _ in $(seq 200); do grep -qx ready "$work/banner" 2>/dev/null && break; sleep 0.1; done
grep -qx ready "$work/banner" || { echo "peers: mock-gc did not start" >&2; cat "$work/mockgc.err" >&2; exit 1; }
line=$(grep "^region=eu_central_1 " "$work/banner")
word() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<" $line"; }
mockgc_url=$(word url)
token=$(curl -s -u "$(word client_id):$(word client_secret)" -d grant_type=client_credentials "$mockgc_url/oauth/token" |
        sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
[ -n "$token" ] || { echo "peers: login to mock-gc failed" >&2; exit 1; }
auth="Authorization: Bearer $token"
bu=$(curl -s -H "$auth" "$mockgc_url/api/v2/workforcemanagement/businessunits" |
     python3 -c 'import json,sys; print(json.load(sys.stdin)["entities"][0]["id"])')
mockgc_target="/api/v2/workforcemanagement/businessunits/$bu/activitycodes"
curl -s -f -H "$auth" -o "$work/body.json" "$mockgc_url$mockgc_target"
body_bytes=$(wc -c <"$work/body.json")
echo "body: GET $mockgc_target from mock-gc, $body_bytes bytes"

# Starts server $1; sets url, pid (the process whose RSS is measured) and header (extra wrk header).
start_server() {
  url="" pid="" header=""
  local port
  case $1 in
    ceiling)
      "$ceiling_bin" "$work/body.json" 0 "$server_threads" >"$work/ceiling.out" &
      pid=$!
      for _ in $(seq 100); do grep -q '^port=' "$work/ceiling.out" 2>/dev/null && break; sleep 0.05; done
      url="http://127.0.0.1:$(sed -n 's/^port=//p' "$work/ceiling.out")/codes" ;;
    mock-gc)
      pid=$mockgc_pid url="$mockgc_url$mockgc_target" header=$auth ;;
    wiremock)
      port=$(free_port)
      mkdir -p "$work/wiremock/mappings" "$work/wiremock/__files"
      cp "$work/body.json" "$work/wiremock/__files/codes.json"
      cat >"$work/wiremock/mappings/codes.json" <<'JSON'
{"request": {"method": "GET", "url": "/codes"},
 "response": {"status": 200, "bodyFileName": "codes.json", "headers": {"Content-Type": "application/json"}}}
JSON
      java -jar "$modules"/wiremock/build/wiremock-standalone-*.jar --port "$port" --bind-address 127.0.0.1 \
        --root-dir "$work/wiremock" --disable-banner >"$work/wiremock.log" 2>&1 &
      pid=$! url="http://127.0.0.1:$port/codes" ;;
    mountebank)
      local admin
      admin=$(free_port) port=$(free_port)
      node "$modules/@mbtest/mountebank/bin/mb" --port "$admin" --host 127.0.0.1 --loglevel warn \
        --logfile "$work/mb.file.log" --pidfile "$work/mb.pid" >"$work/mb.log" 2>&1 &
      pid=$!
      wait_ready "http://127.0.0.1:$admin/imposters"
      python3 - "$work/body.json" "$port" >"$work/imposter.json" <<'PY'
import json, sys
body = open(sys.argv[1]).read()
print(json.dumps({"port": int(sys.argv[2]), "protocol": "http", "host": "127.0.0.1",
                  "stubs": [{"responses": [{"is": {"statusCode": 200, "body": body,
                      "headers": {"Content-Type": "application/json", "Connection": "keep-alive"}}}]}]}))
PY
      curl -s -f -o /dev/null -H 'Content-Type: application/json' --data-binary @"$work/imposter.json" \
        "http://127.0.0.1:$admin/imposters"
      url="http://127.0.0.1:$port/codes" ;;
    prism)
      port=$(free_port)
      python3 - "$work/body.json" >"$work/openapi.json" <<'PY'
import json, sys
body = json.load(open(sys.argv[1]))
print(json.dumps({"openapi": "3.0.3", "info": {"title": "activity codes", "version": "1"},
                  "paths": {"/codes": {"get": {"responses": {"200": {"description": "the list",
                      "content": {"application/json": {"example": body}}}}}}}}))
PY
      node "$modules/@stoplight/prism-cli/dist/index.js" mock "$work/openapi.json" -h 127.0.0.1 -p "$port" \
        >"$work/prism.log" 2>&1 &
      pid=$! url="http://127.0.0.1:$port/codes" ;;
    mockoon)
      port=$(free_port)
      python3 - "$work/body.json" "$port" >"$work/mockoon.json" <<'PY'
import json, sys
body, port = open(sys.argv[1]).read(), int(sys.argv[2])
response = {"uuid": "r1", "body": body, "latency": 0, "statusCode": 200, "label": "", "headers":
            [{"key": "Content-Type", "value": "application/json"}], "bodyType": "INLINE", "filePath": "",
            "databucketID": "", "sendFileAsBody": False, "rules": [], "rulesOperator": "OR",
            "disableTemplating": True, "fallbackTo404": False, "default": True, "crudKey": "id", "callbacks": []}
route = {"uuid": "route1", "type": "http", "documentation": "", "method": "get", "endpoint": "codes",
         "responses": [response], "responseMode": None, "streamingMode": None, "streamingInterval": 0}
print(json.dumps({"uuid": "env1", "lastMigration": 33, "name": "peers", "endpointPrefix": "", "latency": 0,
                  "port": port, "hostname": "127.0.0.1", "folders": [], "routes": [route],
                  "rootChildren": [{"type": "route", "uuid": "route1"}], "proxyMode": False, "proxyHost": "",
                  "proxyRemovePrefix": False, "tlsOptions": {"enabled": False, "type": "CERT", "pfxPath": "",
                  "certPath": "", "keyPath": "", "caPath": "", "passphrase": ""}, "cors": False, "headers": [],
                  "proxyReqHeaders": [], "proxyResHeaders": [], "data": [], "callbacks": []}))
PY
      node "$modules/@mockoon/cli/bin/run.js" start --data "$work/mockoon.json" --disable-log-to-file \
        >"$work/mockoon.log" 2>&1 &
      pid=$! url="http://127.0.0.1:$port/codes" ;;
    json-server)
      port=$(free_port)
      python3 -c 'import json,sys; print(json.dumps({"codes": json.load(open(sys.argv[1]))}))' "$work/body.json" \
        >"$work/db.json"
      node "$modules/json-server/lib/cli/bin.js" --host 127.0.0.1 --port "$port" --quiet "$work/db.json" \
        >"$work/json-server.log" 2>&1 &
      pid=$! url="http://127.0.0.1:$port/codes" ;;
    *) echo "peers: unknown server '$1' (see the list at the top of $0)" >&2; exit 1 ;;
  esac
  [ "$pid" = "$mockgc_pid" ] || pids+=("$pid")
}

version_of() {
  case $1 in
    ceiling) echo "-" ;;
    mock-gc) git -C "$root" rev-parse --short HEAD 2>/dev/null || echo "?" ;;
    wiremock) echo 3.13.2 ;; mountebank) echo 2.9.2 ;; prism) echo 5.14.2 ;; mockoon) echo 9.9.0 ;;
    json-server) echo 0.17.4 ;;
  esac
}

rows=()
ceiling_rps=""
for p in $peers; do
  start_server "$p"
  if ! wait_ready "$url" "$header"; then
    rows+=("| $p | $(version_of "$p") | did not start (see its log) | | | | | |")
    [ "$pid" = "$mockgc_pid" ] || kill -TERM "$pid" 2>/dev/null || true
    continue
  fi
  bytes=$(curl -s ${header:+-H "$header"} "$url" | wc -c)
  before=$(rss_kb "$pid")
  # A warm-up first (JIT compilers, lazily built caches), unmeasured.
  wrk -t "$wrk_threads" -c "$connections" -d "$warmup" ${header:+-H "$header"} "$url" >/dev/null
  echo "== $p: wrk -t$wrk_threads -c$connections -d$duration $url"
  wrk -t "$wrk_threads" -c "$connections" -d "$duration" --latency ${header:+-H "$header"} "$url" >"$work/wrk.$p"
  after=$(rss_kb "$pid")
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$work/wrk.$p")
  p50=$(awk '$1=="50%" {print $2}' "$work/wrk.$p")
  p99=$(awk '$1=="99%" {print $2}' "$work/wrk.$p")
  errors=$(awk '/Non-2xx|Socket errors/ {sub(/^ +/, ""); printf "%s; ", $0}' "$work/wrk.$p")
  [ "$p" = ceiling ] && ceiling_rps=$rps
  share="-"
  [ -n "$ceiling_rps" ] && share=$(python3 -c "print(f'{100 * $rps / $ceiling_rps:.0f} %')")
  rows+=("| $p | $(version_of "$p") | $bytes | $rps | $share | $p50 | $p99 | $((before / 1024)) → $((after / 1024)) MB | ${errors:-none} |")
  [ "$pid" = "$mockgc_pid" ] || { kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
done

echo
echo "commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo ?), $(nproc) cores, $(uname -srm);" \
     "wrk -t$wrk_threads -c$connections -d$duration, server threads $server_threads (where a server has them)"
echo "| server | version | body B | req/s | of ceiling | p50 | p99 | RSS before → after | errors |"
echo "|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
