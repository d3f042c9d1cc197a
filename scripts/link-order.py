#!/usr/bin/env python3
"""Regenerates packaging/dialogued.order, the link-time function order of dialogued.

The kernel maps a file page together with the 64 KiB around it when those pages are cached, so
code that runs at start-up and sync, scattered over 31 MB of .text, kept most of the binary
resident. lld's --symbol-ordering-file packs the functions listed here together (Package.swift
passes it for release builds); functions not listed keep their place, so a stale list only costs
memory, never correctness.

How the list is made: dialogued is built with every function on its own 4 KiB page (LLVM's
align-all-functions; the Swift runtime and Foundation come prebuilt, so their functions are
taken a page at a time), DaemonBenchmarks' rpc scenario runs it (sign-up, sync, sends, status and
list calls, a cold restart and first sync) with read-ahead off and the binary out of the page
cache, and the pages every daemon process had resident name the functions that ran.

Needs root (read-ahead and the page cache are machine-wide) and about ten minutes.
Usage: sudo python3 scripts/link-order.py
"""

import os
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCRATCH = os.path.join(ROOT, ".build-link-order")
OUTPUT = os.path.join(ROOT, "packaging", "dialogued.order")
ALIGN = ["-Xswiftc", "-Xllvm", "-Xswiftc", "-align-all-functions=12",
         "-Xcc", "-mllvm", "-Xcc", "-align-all-functions=12"]
FLAGS = ["-c", "release", "--static-swift-stdlib", "--scratch-path", SCRATCH, "--disable-local-rpath"] + ALIGN


def build():
    for product in ["dialogued", "dialogue-server", "DaemonBenchmarks"]:
        subprocess.run(["swift", "build", *FLAGS, "--product", product], cwd=ROOT, check=True)
    bin_path = subprocess.run(["swift", "build", *FLAGS, "--show-bin-path"], cwd=ROOT, check=True,
                              capture_output=True, text=True).stdout.strip()
    return bin_path


def read_ahead_file(path):
    """The read_ahead_kb file of the block device holding `path`."""
    dev = os.stat(path).st_dev
    sysfs = "/sys/dev/block/%d:%d" % (os.major(dev), os.minor(dev))
    for candidate in [sysfs + "/queue/read_ahead_kb", sysfs + "/../queue/read_ahead_kb"]:
        if os.path.exists(candidate):
            return os.path.realpath(candidate)
    sys.exit("link-order: no read_ahead_kb for the device of " + path)


def resident_pages(binary, stop):
    """File offsets of `binary`'s pages resident in any process running it, until `stop` is set."""
    seen = set()
    while not stop.is_set():
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                if os.path.realpath("/proc/%s/exe" % pid) != binary:
                    continue
                with open("/proc/%s/maps" % pid) as maps, open("/proc/%s/pagemap" % pid, "rb") as pagemap:
                    for line in maps:
                        fields = line.split()
                        if len(fields) < 6 or os.path.realpath(fields[5]) != binary:
                            continue
                        low, high = (int(x, 16) for x in fields[0].split("-"))
                        offset = int(fields[2], 16)
                        pagemap.seek(low // 4096 * 8)
                        entries = pagemap.read((high - low) // 4096 * 8)
                        for index in range(0, len(entries), 8):
                            if entries[index + 7] & 0x80:
                                seen.add(offset + index // 8 * 4096)
            except OSError:
                pass
        time.sleep(0.2)
    return seen


def functions_on(binary, pages):
    """The function symbols of `binary` that overlap the given file pages, in address order."""
    loads = []
    for line in subprocess.run(["readelf", "-lW", binary], capture_output=True, text=True).stdout.splitlines():
        fields = line.split()
        if fields and fields[0] == "LOAD":
            loads.append((int(fields[1], 16), int(fields[2], 16), int(fields[4], 16)))
    vpages = set()
    for offset in pages:
        for file_offset, address, size in loads:
            if file_offset <= offset < file_offset + size:
                vpages.add((address + offset - file_offset) // 4096)
    names = []
    symbols = subprocess.run(["nm", "-n", "-S", "--defined-only", binary], capture_output=True, text=True).stdout
    for line in symbols.splitlines():
        fields = line.split()
        if len(fields) != 4 or fields[2] not in "tTwW":
            continue
        address, size = int(fields[0], 16), max(int(fields[1], 16), 1)
        if any(page in vpages for page in range(address // 4096, (address + size - 1) // 4096 + 1)):
            names.append(fields[3])
    return list(dict.fromkeys(names))


def main():
    if os.geteuid() != 0:
        sys.exit("link-order: needs root, to switch read-ahead off and drop the page cache")
    bin_path = build()
    binary = os.path.realpath(os.path.join(bin_path, "dialogued"))
    ahead = read_ahead_file(binary)
    with open(ahead) as file:
        saved = file.read().strip()
    stop = threading.Event()
    result = {}
    try:
        with open(ahead, "w") as file:
            file.write("0")
        subprocess.run(["sync"], check=True)
        with open("/proc/sys/vm/drop_caches", "w") as file:
            file.write("1")
        sampler = threading.Thread(target=lambda: result.setdefault("pages", resident_pages(binary, stop)))
        sampler.start()
        # Its exit status says whether targets were met; only the run matters here.
        subprocess.run([os.path.join(bin_path, "DaemonBenchmarks"), "--only", "rpc", "--rpc-calls", "5000"])
    finally:
        stop.set()
        with open(ahead, "w") as file:
            file.write(saved)
    sampler.join()
    names = functions_on(binary, result["pages"])
    with open(OUTPUT, "w") as file:
        file.write("".join(name + "\n" for name in names))
    print("link-order: %d functions from %d resident pages -> %s" % (len(names), len(result["pages"]), OUTPUT))


if __name__ == "__main__":
    main()
