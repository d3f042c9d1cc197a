#!/usr/bin/env bash
# Every check CI runs: dependencies, formatting, then all tests in one build with warnings as
# errors and the target-dependency import check on.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh

echo "== swift format lint"
git ls-files -z -- '*.swift' | xargs -0 swift format lint --strict --configuration .swift-format

echo "== PostgreSQL"
# A throwaway cluster for the server suite's PostgreSQL runs; every test makes its own database.
postgres_dir="$(mktemp -d "${TMPDIR:-/tmp}/dialogue-pg.XXXXXX")"
chmod 755 "$postgres_dir" # as root the cluster runs as `postgres`, which must reach its data
stop_postgres() {
    scripts/postgres.sh stop "$postgres_dir/data" || true
    rm -rf "$postgres_dir"
}
trap stop_postgres EXIT
postgres_port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
DIALOGUE_TEST_POSTGRES_URL="$(scripts/postgres.sh start "$postgres_dir/data" "$postgres_port")"
export DIALOGUE_TEST_POSTGRES_URL
export DIALOGUE_TEST_POSTGRES_DATA="$postgres_dir/data"
echo "PostgreSQL on port $postgres_port"

echo "== swift test"
# Swift Testing starts every test at once unless told otherwise. On two cores, a few hundred tests
# starting servers and daemons together push replies past the tests' own deadlines; twelve at a
# time keeps the cores busy (the run takes about as long) without starving anyone.
export SWT_EXPERIMENTAL_MAXIMUM_PARALLELIZATION_WIDTH="${SWT_EXPERIMENTAL_MAXIMUM_PARALLELIZATION_WIDTH:-12}"
# A hung test must fail the run, not stall CI until its own time limit.
timeout --kill-after=30 2400 swift test -Xswiftc -warnings-as-errors --explicit-target-dependency-import-check error "$@"

echo "== systemd units"
scripts/check-units.sh

echo "== Debian packages"
scripts/check-packages.sh
