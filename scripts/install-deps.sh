#!/usr/bin/env bash
# Installs what Dialogue builds and tests with. Safe to run again: it installs only what is
# missing, and does nothing when everything is present.
set -euo pipefail

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"

packages=(libsqlite3-dev libssl-dev libsystemd-dev sqlite3 openssl socat python3 python3-pip dpkg-dev lintian libgd-dev dbus-daemon tmux postgresql-15 postgresql-client-15 haproxy)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "installing: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The HPKE interop oracle: Python's `cryptography` 48 or newer (Debian 12 ships 38, without HPKE).
if ! python3 -c "from cryptography.hazmat.primitives import hpke" 2>/dev/null; then
    echo "installing: python cryptography>=48"
    python3 -m pip install --quiet 'cryptography>=48' \
        || python3 -m pip install --quiet --break-system-packages 'cryptography>=48'
fi
