#!/usr/bin/env bash
# `make demo`: the product end to end, then a world to play with.
#   1. The showcase: the reference client's workflows (gc-hub volume, sync-codes, adherence, time off, forecast,
#      overview), each under `mock-gc check` with scenarios/showcase.json, a multi-region incident (EMEA analytics
#      timeouts, a flaky and then down APAC gateway, an EMEA token revocation, an APAC rate-limit storm) at --speed 60, so
#      the whole showcase takes well under a minute. check judges each run's traffic and writes its report;
#      the verdicts and report paths are printed. (One check per workflow: each gc-hub command is its own
#      process with its own login, and a second login with a valid token is what token-reuse flags.)
#   2. `mock-gc serve` on the default world (or $SCENARIO) with the console URL printed, until Ctrl-C.
# Nothing opens a browser. Expects a built tree (the GNUmakefile's `demo` target builds first).
# Environment: BUILD_DIR (build), SCENARIO (scenarios/default.json), PORT (8080), SPEED (60),
# REPORT_DIR ($BUILD_DIR/demo-report).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
build_dir=${BUILD_DIR:-build}
mock_gc=$build_dir/bin/mock-gc
gc_hub=$build_dir/bin/gc-hub
scenario=${SCENARIO:-scenarios/default.json}
port=${PORT:-8080}
speed=${SPEED:-60}
report_dir=${REPORT_DIR:-$build_dir/demo-report}

for bin in "$mock_gc" "$gc_hub"; do
  if [[ ! -x $bin ]]; then
    echo "demo: $bin is missing; run 'make build' first" >&2
    exit 2
  fi
done

# name|gc-hub arguments. gc-hub reads "current" weeks from the machine's clock, not the world's: the weeks are
# pinned inside the showcase world's history, as examples/CMakeLists.txt does for the conformance runs.
workflows=(
  "volume|volume --orgs {orgs} --weeks 2 --end 2026-01-12T00:00:00Z"
  "sync-codes|sync-codes --orgs {orgs} --source eu_central_1 --dry-run"
  "adherence|adherence --orgs {orgs}"
  "timeoff|timeoff --orgs {orgs} --week 2026-01-12"
  "forecast|forecast --orgs {orgs} --week 2026-01-12 --output-dir {dir}/fallback"
  "overview|overview --orgs {orgs} --week 2026-02-25 --html {dir}/overview.html"
)

echo "== 1/2 showcase: gc-hub's workflows under scenarios/showcase.json at ${speed}x, each judged by mock-gc check"
mkdir -p "$report_dir"
summary=()
for entry in "${workflows[@]}"; do
  name=${entry%%|*}
  dir=$report_dir/$name
  read -r -a args <<<"${entry#*|}"
  args=("${args[@]//\{dir\}/$dir}")
  echo "== gc-hub ${args[*]}"
  set +e
  "$mock_gc" check --scenario scenarios/showcase.json --speed "$speed" --time-limit PT2M --report-dir "$dir" \
    -- "$gc_hub" "${args[@]}"
  verdict=$?
  set -e
  case $verdict in
    0) word=pass ;;
    1) word=FAIL ;;
    *) echo "demo: mock-gc check could not run gc-hub $name (exit $verdict)" >&2; exit "$verdict" ;;
  esac
  abs=$(cd "$dir" && pwd)
  if [[ -f $abs/report.html ]]; then
    summary+=("$(printf '%-5s %-11s %s' "$word" "$name" "$abs/report.html")")
  else
    summary+=("$(printf '%-5s %-11s %s' "$word" "$name" "$abs/ ($(cd "$abs" && ls | tr '\n' ' '))")")
  fi
done
echo "== showcase verdicts and reports:"
printf '   %s\n' "${summary[@]}"

echo "== 2/2 serving $scenario on port $port; open the 'console url' below in a browser; Ctrl-C stops"
exec "$mock_gc" serve --scenario "$scenario" --port "$port" --verbose
