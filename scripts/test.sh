#!/usr/bin/env bash
# Every check CI runs: dependencies, formatting, then all tests in one build with warnings as
# errors and the target-dependency import check on.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh

echo "== swift format lint"
git ls-files -z -- '*.swift' | xargs -0 swift format lint --strict --configuration .swift-format

echo "== swift test"
# A hung test must fail the run, not stall CI until its own time limit.
timeout --kill-after=30 2400 swift test -Xswiftc -warnings-as-errors --explicit-target-dependency-import-check error "$@"

echo "== systemd units"
scripts/check-units.sh

echo "== Debian packages"
scripts/check-packages.sh
