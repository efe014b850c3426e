#!/usr/bin/env bash
# Runs every benchmark executable in build/bin (bench_*) and prints its results.
# Extra arguments are passed to each benchmark (e.g. --benchmark_filter=Grid).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="${root}/build/bin"
shopt -s nullglob
benches=("${bin}"/bench_*)
if [ ${#benches[@]} -eq 0 ]; then
  echo "run-bench: no build/bin/bench_* executables (build first: make build)" >&2
  exit 1
fi
echo "commit: $(git -C "${root}" rev-parse --short HEAD 2>/dev/null || echo unknown)  host: $(uname -srm)  cores: $(nproc)"
for b in "${benches[@]}"; do
  [ -x "$b" ] || continue
  echo "== $(basename "$b")"
  "$b" "$@"
done

# The HTTP load benchmark of the real server (needs Debian's wrk; loopback only, bounded duration).
if command -v wrk >/dev/null 2>&1; then
  echo "== bench/wrk/run.sh (activity-code list over HTTP/1.1 keep-alive)"
  "${root}/bench/wrk/run.sh"
else
  echo "== bench/wrk/run.sh skipped: install Debian's 'wrk' to measure req/s over loopback"
fi
