#!/usr/bin/env bash
# The main job on one machine: installs what is missing, builds, then runs the server on its
# embedded SQLite store and one daemon beside it, and shows how to talk to them with the CLI.
# Everything lives under ./data (or $DIALOGUE_DATA_DIR); Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
for product in dialogue-server dialogued dialogue; do
    swift build -c release --product "$product"
done
bin="$(swift build -c release --show-bin-path)"

data="$(realpath -m "${DIALOGUE_DATA_DIR:-data}")"
port="${DIALOGUE_PORT:-5000}"
mkdir -p "$data/server" "$data/daemon/config" "$data/daemon/share" "$data/daemon/run"
chmod 700 "$data" "$data/daemon/run"
dev=()
[ -n "${DIALOGUE_JWT_SECRET:-}" ] || dev=(--dev)

pids=()
trap 'kill "${pids[@]}" 2>/dev/null; wait 2>/dev/null' EXIT INT TERM
"$bin/dialogue-server" --port "$port" --data-dir "$data/server" "${dev[@]}" "$@" &
pids+=($!)
export XDG_CONFIG_HOME="$data/daemon/config" XDG_DATA_HOME="$data/daemon/share" XDG_RUNTIME_DIR="$data/daemon/run"
"$bin/dialogued" &
pids+=($!)

cat <<EOF2

Dialogue is running: the server on http://127.0.0.1:$port, a daemon on $XDG_RUNTIME_DIR/dialogue/dialogued.sock.
In another terminal:
    export XDG_RUNTIME_DIR="$XDG_RUNTIME_DIR"
    $bin/dialogue status
    $bin/dialogue unlock                       # choose a passphrase (asked without echo)
    $bin/dialogue signup --server http://127.0.0.1:$port --email you@example.org --name "You"
Press Ctrl-C to stop both.
EOF2
wait
