#!/usr/bin/env bash
# Checks the Debian packages end to end: builds them (reusing .build-release), runs lintian (no
# errors, no warnings that lack an explained override), installs both with dpkg on this machine,
# checks files, modes and owners, runs the installed programs, verifies the installed units, starts
# the server on the packaged config and secret, then purges both and checks that nothing is left.
# It leaves the machine as it found it, also when a step fails. Needs root or sudo.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== Debian packages"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
packages=(dialogue dialogue-server)
# Written just before installing and removed after the purge: an install this script left behind
# (a killed run) may be purged by the next run; an install someone made on purpose may not.
marker=/var/tmp/dialogue-check-packages.installed

installed() {
    # dpkg-query fails when it has never heard of one of them, which must not hide the other.
    { dpkg-query -W -f='${db:Status-Status}\n' "$@" 2>/dev/null || true; } | grep -qv '^not-installed$'
}

work="$(mktemp -d)"
server_pid=""
cleanup() {
    local status=$?
    if [ -n "$server_pid" ]; then
        $sudo kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    if [ -e "$marker" ]; then
        $sudo dpkg --purge "${packages[@]}" >/dev/null 2>&1 || true
        $sudo rm -f "$marker"
    fi
    $sudo rm -rf "$work"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

fail() {
    echo "check-packages: $*" >&2
    exit 1
}

if installed "${packages[@]}"; then
    [ -e "$marker" ] || fail "dialogue or dialogue-server is installed here; this check installs and purges them, so remove them first"
    echo "purging what an interrupted run left installed"
    $sudo dpkg --purge "${packages[@]}"
    $sudo rm -f "$marker"
fi

packaging/build-deb.sh "$work/debs"
debs=("$work"/debs/dialogue_*.deb "$work"/debs/dialogue-server_*.deb)
version="$(dpkg-deb --field "${debs[0]}" Version)"
# dialogued loads libgd with dlopen, which dpkg-shlibdeps cannot see: the dependency is by name.
dpkg-deb --field "${debs[0]}" Depends | grep -Eq '(^|, )libgd3($|,| )' || fail "dialogue does not depend on libgd3"

echo "== lintian"
# Overridden tags are shown (O:) under the comment that explains each (packaging/debian/*.lintian-overrides).
# With --show-overrides lintian's own --fail-on counts overridden tags too, so the verdict is read
# from the output: any error (E:) or warning (W:) left fails the check.
lintian --show-overrides --fail-on none --tag-display-limit 0 "${debs[@]}" 2>&1 | tee "$work/lintian.log"
if grep -Eq '^[EW]: ' "$work/lintian.log"; then fail "lintian reports errors or warnings without an override"; fi
echo "lintian: no errors, no warnings without an explained override"

echo "== install"
$sudo touch "$marker"
$sudo dpkg --install "${debs[@]}"

# path, mode, owner:group of everything the packages must install.
expect=(
    "/usr/bin/dialogue 755 root:root"
    "/usr/bin/dialogued 755 root:root"
    "/usr/bin/dialogue-server 755 root:root"
    "/usr/lib/systemd/user/dialogued.service 644 root:root"
    "/usr/lib/systemd/user/dialogued.socket 644 root:root"
    "/usr/lib/systemd/system/dialogue-server.service 644 root:root"
    "/usr/share/man/man1/dialogue.1.gz 644 root:root"
    "/usr/share/man/man1/dialogue-send.1.gz 644 root:root"
    "/usr/share/man/man1/dialogued.1.gz 644 root:root"
    "/usr/share/man/man1/dialogue-server.1.gz 644 root:root"
    "/usr/share/bash-completion/completions/dialogue 644 root:root"
    "/usr/share/zsh/vendor-completions/_dialogue 644 root:root"
    "/usr/share/fish/vendor_completions.d/dialogue.fish 644 root:root"
    "/usr/share/doc/dialogue/copyright 644 root:root"
    "/usr/share/doc/dialogue-server/copyright 644 root:root"
    "/etc/dialogue-server 755 root:root"
    "/etc/dialogue-server/config.json 644 root:root"
    "/etc/dialogue-server/jwt-secret 600 root:root"
)
for line in "${expect[@]}"; do
    read -r path mode owner <<< "$line"
    actual="$($sudo stat -c '%a %U:%G' "$path" 2>/dev/null)" || fail "$path is missing"
    [ "$actual" = "$mode $owner" ] || fail "$path is $actual, expected $mode $owner"
done
secret_length="$($sudo wc -c < /etc/dialogue-server/jwt-secret)"
[ "$secret_length" -ge 32 ] || fail "the generated secret has $secret_length bytes, the server needs 32"
dpkg-query -W -f='${Conffiles}\n' dialogue-server | grep -q '^ /etc/dialogue-server/config.json ' \
    || fail "config.json is not a conffile"
if $sudo grep -qi 'secret' /etc/dialogue-server/config.json; then fail "config.json mentions a secret"; fi
# Installing enables and starts nothing.
if ls /etc/systemd/system/*.wants/dialogue-server.service /etc/systemd/user/*.wants/dialogued.* >/dev/null 2>&1; then
    fail "installing enabled a unit"
fi
$sudo dpkg --verify "${packages[@]}" || fail "dpkg --verify found changed files"
echo "installed files, modes and owners: as expected"

echo "== installed programs"
for program in dialogue dialogued dialogue-server; do
    reported="$("/usr/bin/$program" --version)"
    [ "$reported" = "$version" ] || fail "$program --version says $reported, the package is $version"
    echo "$program --version: $reported"
done
bash -n /usr/share/bash-completion/completions/dialogue || fail "the bash completion does not parse"
! command -v zsh >/dev/null || zsh -n /usr/share/zsh/vendor-completions/_dialogue || fail "the zsh completion does not parse"
! command -v fish >/dev/null || fish -n /usr/share/fish/vendor_completions.d/dialogue.fish || fail "the fish completion does not parse"

echo "== installed units"
# With --man=yes (the default) this also checks that Documentation=man:dialogue-server(1) exists.
systemd-analyze verify /usr/lib/systemd/system/dialogue-server.service \
    /usr/lib/systemd/user/dialogued.service /usr/lib/systemd/user/dialogued.socket
echo "systemd-analyze verify: clean"

echo "== server on the packaged config and secret"
# The way the unit runs it: the config file, and the secret as a credential (CREDENTIALS_DIRECTORY
# points at the directory LoadCredential= reads from); only the port is free instead of 5000.
mkdir -p "$work/state"
$sudo env CREDENTIALS_DIRECTORY=/etc/dialogue-server /usr/bin/dialogue-server \
    --config /etc/dialogue-server/config.json --data-dir "$work/state" --port 0 > "$work/server.log" 2>&1 &
server_pid=$!
address=""
for _ in $(seq 1 100); do
    address="$(sed -n 's/^dialogue-server listening on //p' "$work/server.log")"
    [ -n "$address" ] && break
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.2
done
[ -n "$address" ] || { cat "$work/server.log" >&2; fail "the server did not start on the packaged config"; }
python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1] + "/api/health", timeout=10).read()' "$address" \
    || fail "the server started but /api/health failed"
$sudo kill -TERM "$server_pid"
wait "$server_pid" || fail "the server did not stop cleanly on SIGTERM"
server_pid=""
echo "dialogue-server: listened on $address with the packaged config, answered /api/health, stopped"

echo "== purge"
installed_files="$work/installed-files"
dpkg -L "${packages[@]}" | sort -u > "$installed_files"
$sudo dpkg --purge "${packages[@]}"
$sudo rm -f "$marker"
! installed "${packages[@]}" || fail "the packages are still installed after purge"
left=()
while read -r path; do
    [ "$path" != "/." ] && [ -e "$path" ] || continue
    # A directory another package owns (/usr/bin, /etc) stays, rightly.
    [ -d "$path" ] && dpkg-query -S "$path" >/dev/null 2>&1 && continue
    left+=("$path")
done < "$installed_files"
for path in /etc/dialogue-server /var/lib/systemd/deb-systemd-helper-enabled/dialogue-server.service.dsh-also \
    /var/lib/systemd/deb-systemd-helper-masked/dialogue-server.service /etc/systemd/system/dialogue-server.service; do
    [ -e "$path" ] || [ -L "$path" ] && left+=("$path")
done
[ ${#left[@]} -eq 0 ] || fail "left after purge: ${left[*]}"
echo "purged: no file, unit state or secret left"
