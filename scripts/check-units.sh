#!/usr/bin/env bash
# Checks the systemd units with systemd's own tools: `systemd-analyze verify` for every unit
# (ExecStart pointed at the binaries just built), and the server's exposure score (≤ 2.0, which systemd-analyze counts in tenths: --threshold=20).
set -euo pipefail
cd "$(dirname "$0")/.."

bin="$(swift build --show-bin-path)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for unit in systemd/system/*.service systemd/user/*.service systemd/user/*.socket; do
    sed "s|/usr/bin/|$bin/|g" "$unit" > "$work/$(basename "$unit")"
done
(cd "$work" && systemd-analyze verify --man=no ./*.service ./*.socket)
systemd-analyze security --offline=true --threshold=20 --no-pager "$work/dialogue-server.service" | tail -n 1
echo "systemd units: verified"
