#!/usr/bin/env bash
# Writes scripts/hook-symbol-order.txt: the functions a session-logger run executes and the data it
# touches, which the Linux link of the hook (Package.swift) places side by side.
#
# A static hook's code is 6 MB: the C library's start-up, the Swift runtime's, the standard library
# and the hook's own functions, each in its archive's order, so one run touches code in some 40
# places and the kernel takes a page fault for each; its data is spread the same way. Listed here,
# lld puts them together and a run takes some twenty fewer faults (scripts/bench-hook.sh counts
# them). The functions come from callgrind runs of the release build on real payloads (the 2.5 KB,
# 50 KB and largest payloads of the corpus, then one per hook event and tool), the data from every
# memory access (valgrind's lackey) of the first two and twenty of the others. A stale list costs
# only faults: lld skips names it no longer finds. Rerun after changing what the hook calls.
#
# Usage: scripts/hook-symbol-order.sh   (needs valgrind and the corpus; CORPUS sets its path)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${CORPUS:-../shared/fixtures/hook-payloads/corpus.jsonl}
[ -f "$corpus" ] || { echo "$corpus is absent (the payloads come from the shared fixtures)" >&2; exit 1; }
command -v valgrind >/dev/null || { echo "valgrind is missing (apt-get install valgrind)" >&2; exit 1; }
swift build -c release --product session-logger >/dev/null
binary=.build/release/session-logger
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The benchmark's payloads first, so the common path leads the list; then one for each event and tool.
python3 - "$corpus" "$work" <<'PY'
import json, sys
corpus, work = sys.argv[1], sys.argv[2]
lines = [line.rstrip(b"\n") for line in open(corpus, "rb")]
for name, size in (("0-2.5KB", 2500), ("1-50KB", 50_000), ("2-largest", 1 << 30)):
    open(f"{work}/{name}.json", "wb").write(min(lines, key=lambda line: abs(len(line) - size)))
seen = set()
for line in lines:
    try:
        payload = json.loads(line)
        kind = (payload.get("hook_event_name"), payload.get("tool_name"))
    except (ValueError, AttributeError):
        continue
    if kind not in seen:
        seen.add(kind)
        open(f"{work}/3-kind-{len(seen):03d}.json", "wb").write(line)
PY

export CLAUDE_LOG_DIR="$work/logs"
mkdir -p "$CLAUDE_LOG_DIR"
for payload in "$work"/*.json; do
    valgrind --tool=callgrind --demangle=no --callgrind-out-file="$work/callgrind.out" "$binary" <"$payload" \
        >/dev/null 2>&1
    # Function names as callgrind records them: `fn=(id) name` the first time a function appears.
    sed -nE 's/^c?fn=\([0-9]+\) (.*)$/\1/p' "$work/callgrind.out" >>"$work/names"
done

# Data symbols (nm types b, d, r, v) in the order a run first touches them.
cat >"$work/data.py" <<'PY'
import bisect, subprocess, sys
symbols = []
for line in subprocess.run(["nm", "-n", "-S", sys.argv[1]], capture_output=True, text=True).stdout.splitlines():
    fields = line.split()
    if len(fields) == 4 and fields[2] in "bBdDrRvV":
        symbols.append((int(fields[0], 16), max(int(fields[1], 16), 1), fields[3]))
symbols.sort()
starts = [start for start, _, _ in symbols]
seen = set()
for line in open(sys.argv[2]):
    if line[:2] not in (" L", " S", " M"):
        continue
    address = int(line.split()[1].split(",")[0], 16)
    index = bisect.bisect_right(starts, address) - 1
    if index >= 0 and address < symbols[index][0] + symbols[index][1] and symbols[index][2] not in seen:
        seen.add(symbols[index][2])
        print(symbols[index][2])
PY
for payload in "$work"/0-*.json "$work"/1-*.json $(find "$work" -name '3-kind-*.json' | sort | head -20); do
    valgrind --tool=lackey --trace-mem=yes --log-file="$work/lackey.out" "$binary" <"$payload" >/dev/null 2>&1
    python3 "$work/data.py" "$binary" "$work/lackey.out" >>"$work/names"
done

# Unnamed code and callgrind's own entries go; a recursion suffix ('2) is not part of a name.
grep -vE '^(0x[0-9a-f]+|\(below main\))$' "$work/names" | sed -E "s/'[0-9]+$//" | awk '!seen[$0]++' \
    >scripts/hook-symbol-order.txt
echo "scripts/hook-symbol-order.txt: $(wc -l <scripts/hook-symbol-order.txt) symbols"
