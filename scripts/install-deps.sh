#!/usr/bin/env bash
# Installs the Debian packages Dialogue builds and tests with. Safe to run again: it installs only
# what is missing, and does nothing when everything is present.
set -euo pipefail

packages=(libsqlite3-dev libssl-dev libsystemd-dev sqlite3 openssl python3 python3-cryptography)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
echo "installing: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
