#!/usr/bin/env bash
# The main job on one machine: installs what is missing, builds, and runs the server on its
# embedded SQLite store (data in ./data, an ephemeral token secret unless DIALOGUE_JWT_SECRET is set).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
swift build -c release --product dialogue-server
dev=()
[ -n "${DIALOGUE_JWT_SECRET:-}" ] || dev=(--dev)
exec .build/release/dialogue-server --data-dir "${DIALOGUE_DATA_DIR:-data}" "${dev[@]}" "$@"
