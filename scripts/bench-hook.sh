#!/usr/bin/env bash
# Benchmarks the session-logger hook against the floor of any hook, as Claude Code runs it.
#
# A static C program (scripts/hook-floor.c: read stdin to end of file, append one line with
# O_APPEND) is built here, and the same program in Swift (scripts/hook-floor.swift) built like the
# hook (static stdlib, static executable), whose gap to the C floor is the Swift runtime's start-up:
# what is left between it and the hook is the hook's own code. scripts/hook-harness.mjs (Node.js,
# like Claude Code) spawns the three in turns, writing a real payload to each one's stdin pipe, and
# prints median wall times per call for a 2.5 KB, a 50 KB and a 1 MB payload with their ratios to
# the floors measured in the same run. Then the cost of registering in shell form (`sh -c`) against exec form, and callgrind's
# instruction counts per 2.5 KB call, page faults and system calls, which do not depend on the machine's load.
#
# Usage: scripts/bench-hook.sh [BINARY]   (default: builds and uses .build/release/session-logger)
# RUNS (default 400) sets the calls per command and payload; CORPUS the payload corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${CORPUS:-../shared/fixtures/hook-payloads/corpus.jsonl}
if [ ! -f "$corpus" ]; then
    echo "skipped: $corpus is absent (the payloads come from the shared fixtures)"
    exit 0
fi
for tool in node cc swiftc; do
    command -v "$tool" >/dev/null || { echo "$tool is missing" >&2; exit 1; }
done
binary=${1:-}
if [ -z "$binary" ]; then
    swift build -c release --product session-logger >/dev/null
    binary=.build/release/session-logger
fi
binary=$(realpath "$binary")
runs=${RUNS:-400}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cc -O2 -static -o "$work/floor" scripts/hook-floor.c
static=()
[ "$(uname -s)" = Linux ] && static=(-static-executable)
swiftc -O ${static[@]+"${static[@]}"} -o "$work/swift-floor" scripts/hook-floor.swift 2>"$work/swiftc.log" \
    || { cat "$work/swiftc.log" >&2; exit 1; }

# Real payloads: the corpus line nearest 2.5 KB and 50 KB; for 1 MB the largest line, its longest
# string repeated until the payload reaches 1 MiB.
python3 - "$corpus" "$work" <<'PY'
import json, sys
corpus, work = sys.argv[1], sys.argv[2]
lines = [line.rstrip(b"\n") for line in open(corpus, "rb")]
for name, size in (("2.5KB", 2500), ("50KB", 50_000)):
    open(f"{work}/{name}.json", "wb").write(min(lines, key=lambda line: abs(len(line) - size)))
payload = json.loads(max(lines, key=len))
def longest(value, path=()):
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return (len(value), path) if isinstance(value, str) else (0, path)
    return max((longest(child, path + (key,)) for key, child in items), default=(0, path))
_, path = longest(payload)
parent = payload
for key in path[:-1]:
    parent = parent[key]
text = parent[path[-1]]
size = lambda: len(json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode())
while size() < 1 << 20:
    parent[path[-1]] += text[: max((1 << 20) - size(), 1)]
data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
open(f"{work}/1MB.json", "wb").write(data)
PY

export CLAUDE_LOG_DIR="$work/logs"
mkdir -p "$CLAUDE_LOG_DIR"
echo "session-logger vs the C and Swift floors, Node spawn harness, medians of $runs calls each," \
    "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
for name in 2.5KB 50KB 1MB; do
    node scripts/hook-harness.mjs "$runs" "$work/$name.json" floor="$work/floor" \
        swift="$work/swift-floor" hook="$binary" >"$work/result.json"
    python3 - "$work/result.json" "$name" "$(wc -c <"$work/$name.json")" <<'PY'
import json, sys
result = json.load(open(sys.argv[1]))
floor, swift, hook = result["floor"], result["swift"], result["hook"]
print(f"{sys.argv[2]:>6} payload {int(sys.argv[3]):>8} B   floor {floor:6.3f} ms   Swift floor {swift:6.3f} ms"
      f" ({swift / floor:4.2f}x)   hook {hook:6.3f} ms   ratio {hook / floor:4.2f}x ({hook / swift:4.2f}x the Swift floor)")
PY
done

# Registration: exec form spawns the binary directly; shell form runs `sh -c` with a ~/ path.
mkdir -p "$work/home/.local/bin"
ln -s "$binary" "$work/home/.local/bin/session-logger"
HOME="$work/home" node scripts/hook-harness.mjs "$runs" "$work/2.5KB.json" exec="$binary" \
    shell='sh:~/.local/bin/session-logger' >"$work/result.json"
python3 - "$work/result.json" <<'PY'
import json, sys
result = json.load(open(sys.argv[1]))
direct, shell = result["exec"], result["shell"]
print(f"registration, 2.5 KB: exec form {direct:6.3f} ms   shell form (sh -c ~/...) {shell:6.3f} ms   shell costs +{shell - direct:5.3f} ms")
PY

if command -v valgrind >/dev/null; then
    count() { # prints callgrind's instruction count for one call of $1 on the 2.5 KB payload
        valgrind --tool=callgrind --callgrind-out-file=/dev/null "$1" <"$work/2.5KB.json" 2>&1 \
            | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
    }
    echo "callgrind, 2.5 KB call: hook $(count "$binary") instructions, floor $(count "$work/floor")," \
        "Swift floor $(count "$work/swift-floor")"
else
    echo "callgrind skipped: valgrind is missing (apt-get install valgrind)"
fi

# Page faults per call, like instruction counts independent of the machine's load.
if perf stat -e page-faults true >/dev/null 2>&1; then
    faults() { # prints the median page faults of 21 calls of $1 on payload $2
        for _ in $(seq 21); do
            perf stat -x, -e page-faults "$1" <"$2" 2>&1 >/dev/null | cut -d, -f1
        done | sort -n | sed -n 11p
    }
    for name in 2.5KB 1MB; do
        echo "page faults, $name call: hook $(faults "$binary" "$work/$name.json"), floor" \
            "$(faults "$work/floor" "$work/$name.json"), Swift floor $(faults "$work/swift-floor" "$work/$name.json")"
    done
fi

# System calls per call, counted by strace: like the counts above, the same whatever the load.
if command -v strace >/dev/null; then
    calls() { # prints the system calls strace counts for one call of $1 on the 2.5 KB payload
        strace -f -c -o "$work/strace.txt" "$1" <"$work/2.5KB.json" >/dev/null 2>&1
        awk '$NF == "total" { print $4 }' "$work/strace.txt"
    }
    echo "system calls, 2.5 KB call: hook $(calls "$binary"), floor $(calls "$work/floor")," \
        "Swift floor $(calls "$work/swift-floor")"
fi
