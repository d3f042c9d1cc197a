#!/usr/bin/env bash
# Builds the two Debian packages into OUTDIR: `dialogue` (daemon, CLI, user units, manual pages,
# completions) and `dialogue-server` (server, system unit, configuration without secrets).
#
#   packaging/build-deb.sh OUTDIR
#
# The binaries come from one release build with the Swift runtime linked statically (scratch
# path .build-release), or, with DIALOGUE_BIN_DIR=DIR, from DIR (dialogue, dialogued,
# dialogue-server, built the same way). Manual pages are generated from the argument parser with
# swift-argument-parser's generate-manual (DIALOGUE_GENERATE_MANUAL=PATH, DIR/generate-manual, or
# built into .build-release); completions with `dialogue --generate-completion-script`.
# Needs dpkg-dev (dpkg-shlibdeps, dpkg-gencontrol) and binutils.
set -euo pipefail

if [ $# -ne 1 ]; then
    echo "usage: $0 OUTDIR" >&2
    exit 64
fi
mkdir -p "$1"
out="$(cd "$1" && pwd)"
root="$(cd "$(dirname "$0")/.." && pwd)"
source="$root/packaging/debian"
umask 022

version="$(dpkg-parsechangelog -l "$source/changelog" -S Version)"
upstream="${version%%-*}"
# Timestamps inside the packages and the date on the manual pages come from the changelog, so
# building the same tree twice gives the same files.
SOURCE_DATE_EPOCH="$(dpkg-parsechangelog -l "$source/changelog" -S Timestamp)"
export SOURCE_DATE_EPOCH
date="$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%d)"

# No $ORIGIN run path (nothing is loaded from beside the binary) and immediate binding (BIND_NOW).
swift_flags=(-c release --static-swift-stdlib --scratch-path "$root/.build-release"
    -Xswiftc -warnings-as-errors --explicit-target-dependency-import-check error
    --disable-local-rpath -Xlinker -z -Xlinker now)
if [ -n "${DIALOGUE_BIN_DIR:-}" ]; then
    bin="$(cd "$DIALOGUE_BIN_DIR" && pwd)"
else
    for product in dialogue-server dialogued dialogue; do
        echo "== swift build $product (release, static Swift runtime)"
        (cd "$root" && swift build "${swift_flags[@]}" --product "$product")
    done
    bin="$(cd "$root" && swift build "${swift_flags[@]}" --show-bin-path)"
fi

generate_manual="${DIALOGUE_GENERATE_MANUAL:-}"
if [ -z "$generate_manual" ] && [ -x "$bin/generate-manual" ]; then
    generate_manual="$bin/generate-manual"
fi
if [ -z "$generate_manual" ]; then
    echo "== swift build generate-manual (swift-argument-parser's manual page generator)"
    (cd "$root" && swift build "${swift_flags[@]}" --product generate-manual)
    generate_manual="$(cd "$root" && swift build "${swift_flags[@]}" --show-bin-path)/generate-manual"
fi

for program in dialogue dialogued dialogue-server; do
    if [ ! -x "$bin/$program" ]; then
        echo "build-deb: $bin/$program is missing" >&2
        exit 1
    fi
    # A binary that needs libswiftCore.so would install but not run: no Debian package has it.
    if readelf -d "$bin/$program" | grep -q 'NEEDED.*libswift'; then
        echo "build-deb: $bin/$program links the Swift runtime dynamically: build with --static-swift-stdlib" >&2
        exit 1
    fi
    if readelf -d "$bin/$program" | grep -Eq '\((RPATH|RUNPATH)\)'; then
        echo "build-deb: $bin/$program has a run path: build with --disable-local-rpath" >&2
        exit 1
    fi
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The layout dpkg-shlibdeps and dpkg-gencontrol expect: debian/control, debian/changelog and
# one tree per package under debian/.
mkdir -p "$work/debian"
cp "$source/control" "$source/changelog" "$work/debian/"
dialogue="$work/debian/dialogue"
server="$work/debian/dialogue-server"

echo "== staging"
install_binary() {
    install -D -m 0755 "$bin/$1" "$2/usr/bin/$1"
    # What dh_strip does; the build ID note stays.
    strip --remove-section=.comment --remove-section=.note --strip-unneeded "$2/usr/bin/$1"
    local reported
    reported="$("$2/usr/bin/$1" --version)"
    if [ "$reported" != "$upstream" ]; then
        echo "build-deb: $1 --version says $reported, the changelog says $upstream" >&2
        exit 1
    fi
}
install_binary dialogued "$dialogue"
install_binary dialogue "$dialogue"
install_binary dialogue-server "$server"

install_unit() {
    if grep '^ExecStart=' "$1" | grep -qv '^ExecStart=/usr/bin/'; then
        echo "build-deb: $1 starts something outside /usr/bin" >&2
        exit 1
    fi
    install -D -m 0644 "$1" "$2/$(basename "$1")"
}
install_unit "$root/systemd/user/dialogued.service" "$dialogue/usr/lib/systemd/user"
install_unit "$root/systemd/user/dialogued.socket" "$dialogue/usr/lib/systemd/user"
install_unit "$root/systemd/system/dialogue-server.service" "$server/usr/lib/systemd/system"

# Manual pages: generate-manual runs each binary with --experimental-dump-help; `dialogue` gets
# one page per subcommand too. Its pages are named dialogue.group.create.1 with the name
# "dialogue group create", which whatis cannot parse; they are renamed the way git's and gh's are
# (dialogue-group-create(1), with "dialogue group create" kept in the synopsis), and the blank
# lines of multi-paragraph help become paragraph breaks.
manuals="$work/manuals"
mkdir -p "$manuals/dialogue" "$manuals/dialogued" "$manuals/dialogue-server"
"$generate_manual" "$dialogue/usr/bin/dialogue" --multi-page --date "$date" --output-directory "$manuals/dialogue"
"$generate_manual" "$dialogue/usr/bin/dialogued" --date "$date" --output-directory "$manuals/dialogued"
"$generate_manual" "$server/usr/bin/dialogue-server" --date "$date" --output-directory "$manuals/dialogue-server"
install_manuals() {
    mkdir -p "$2/usr/share/man/man1"
    local page stem name words target
    for page in "$1"/*.1; do
        stem="$(basename "$page" .1)"
        name="${stem//./-}"
        words="${stem//./ }"
        target="$2/usr/share/man/man1/$name.1.gz"
        sed -e "s/^\.Dt [^ ]* /.Dt ${name^^} /" \
            -e "s/^\.Nm \"$words\"\$/.Nm $name/" \
            -e "s/^\.Nm\$/.Nm \"$words\"/" \
            -e '/^\.Xr /{s/\./-/g;s/^-Xr/.Xr/;}' \
            -e 's/^$/.Pp/' "$page" | gzip -9n > "$target"
        chmod 0644 "$target"
    done
}
install_manuals "$manuals/dialogue" "$dialogue"
install_manuals "$manuals/dialogued" "$dialogue"
install_manuals "$manuals/dialogue-server" "$server"

# Completions in the places bash-completion, zsh and fish look for packaged ones.
completion() {
    install -d "$(dirname "$2")"
    # Sourced, not run: bash-completion files carry no #! line.
    "$dialogue/usr/bin/dialogue" --generate-completion-script "$1" | sed '1{/^#!/d;}' > "$2"
    chmod 0644 "$2"
}
completion bash "$dialogue/usr/share/bash-completion/completions/dialogue"
completion zsh "$dialogue/usr/share/zsh/vendor-completions/_dialogue"
completion fish "$dialogue/usr/share/fish/vendor_completions.d/dialogue.fish"

# The server's configuration (a conffile, no secret in it) and maintainer scripts.
install -D -m 0644 "$source/dialogue-server.config.json" "$server/etc/dialogue-server/config.json"
install -d "$server/DEBIAN"
install -m 0644 "$source/dialogue-server.conffiles" "$server/DEBIAN/conffiles"
for script in postinst prerm postrm; do
    install -m 0755 "$source/dialogue-server.$script" "$server/DEBIAN/$script"
done

for package in dialogue dialogue-server; do
    tree="$work/debian/$package"
    docs="$tree/usr/share/doc/$package"
    install -d "$docs"
    install -m 0644 "$source/copyright" "$docs/copyright"
    # A native package: the Debian changelog is the upstream one.
    gzip -9n < "$source/changelog" > "$docs/changelog.gz"
    chmod 0644 "$docs/changelog.gz"
    install -m 0644 "$root/docs/systemd.md" "$docs/systemd.md"
    if [ -f "$source/$package.lintian-overrides" ]; then
        install -D -m 0644 "$source/$package.lintian-overrides" "$tree/usr/share/lintian/overrides/$package"
    fi
done

echo "== control files"
(
    cd "$work"
    for package in dialogue dialogue-server; do
        tree="debian/$package"
        install -d "$tree/DEBIAN"
        # Depends from what the binaries link (libc6, libsqlite3-0, libsystemd0, ...).
        dpkg-shlibdeps -T"debian/$package.substvars" "$tree"/usr/bin/*
        dpkg-gencontrol -p"$package" -T"debian/$package.substvars" -P"$tree" -f"$work/files"
        (cd "$tree" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | LC_ALL=C sort -z \
            | xargs -0 md5sum > DEBIAN/md5sums)
        chmod 0644 "$tree/DEBIAN/md5sums" "$tree/DEBIAN/control"
    done
)

echo "== dpkg-deb"
for package in dialogue dialogue-server; do
    tree="$work/debian/$package"
    find "$tree" -type d -exec chmod 0755 {} +
    # Given a directory, dpkg-deb names the file package_version_architecture.deb.
    dpkg-deb --root-owner-group -Zxz --build "$tree" "$out/"
done
ls -l "$out"/*.deb
