#!/usr/bin/env bash
# Builds dialogue-server and the ServerBenchmarks harness in release mode (in .build-bench, apart
# from the development build) and runs every scenario against the real binary on 127.0.0.1.
# Extra arguments go to the harness, for example: --only fanout --group-sizes 10
set -euo pipefail
cd "$(dirname "$0")/.."

# The idle-connection scenario holds 5,000 WebSockets: each end (server and harness) needs one file descriptor per connection.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || ulimit -n 65536 2>/dev/null || true
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt 6000 ]; then
    echo "warning: open-file limit is $(ulimit -n); the 5,000-connection scenario needs about 6,000 per process" >&2
fi

# One product per invocation: `swift build` takes a single --product.
for product in dialogue-server ServerBenchmarks; do
    swift build -c release --scratch-path .build-bench --product "$product" \
        -Xswiftc -warnings-as-errors --explicit-target-dependency-import-check error
done

bin="$(swift build -c release --scratch-path .build-bench --show-bin-path)"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(. /etc/os-release && echo "$PRETTY_NAME"), $(swift --version 2>&1 | head -n 1)"
"$bin/ServerBenchmarks" --server "$bin/dialogue-server" "$@"
