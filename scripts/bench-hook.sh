#!/usr/bin/env bash
# Benchmarks the session-logger hook against `cat payload > /dev/null` with hyperfine.
#
# Prints median wall times and their ratio for a 2.5 KB and a 1 MB payload, first into an
# empty log directory, then with a 100 MB log file for today already there, and last with the
# payload coming through a pipe as Claude Code sends it (against `cat payload | cat > /dev/null`).
# Usage: scripts/bench-hook.sh [BINARY]   (default: builds and uses .build/release/session-logger)
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v hyperfine >/dev/null; then
    echo "hyperfine is missing: apt-get install hyperfine" >&2
    exit 1
fi
binary=${1:-}
if [ -z "$binary" ]; then
    swift build -c release --product session-logger >/dev/null
    binary=.build/release/session-logger
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
def payload(size):
    base = {"session_id": "5b0c6c2e-8e4a-4b7e-9d3c-2f1e0a9b8c7d",
            "transcript_path": "/home/dev/.claude/projects/-home-dev-app/5b0c6c2e.jsonl",
            "cwd": "/home/dev/app", "permission_mode": "default", "hook_event_name": "PostToolUse",
            "tool_name": "Read", "tool_input": {"file_path": "/home/dev/app/Sources/App/main.swift"},
            "tool_response": {"type": "text", "file": {"filePath": "/home/dev/app/Sources/App/main.swift",
                              "content": "", "numLines": 0, "startLine": 1, "totalLines": 0}},
            "tool_use_id": "toolu_01ABCDEFGHIJKLMNOPQRSTUV"}
    line = "    let value = compute(input: \"héllo\", count: 42) // ünïcode\n"
    empty = len(json.dumps(base).encode())
    content = (line * (size // len(line.encode()) + 1)).encode()[: size - empty].decode("utf-8", "ignore")
    base["tool_response"]["file"]["content"] = content
    base["tool_response"]["file"]["numLines"] = content.count("\n")
    return json.dumps(base, ensure_ascii=False)
for name, size in (("small", 2500), ("large", 1024 * 1024)):
    open(f"{work}/{name}.json", "w").write(payload(size))
PY

export CLAUDE_LOG_DIR="$work/logs"
mkdir -p "$CLAUDE_LOG_DIR"
today=$(date +%Y-%m-%d)
results=()

measure() { # label payload hook-command baseline-command
    hyperfine -w 20 -r "${RUNS:-300}" --export-json "$work/out.json" "$3" "$4" >/dev/null
    results+=("$(python3 - "$work/out.json" "$1" "$(wc -c <"$2")" <<'PY'
import json, sys
runs = json.load(open(sys.argv[1]))["results"]
hook, cat = (r["median"] * 1000 for r in runs)
print(f"{sys.argv[2]:<34} {int(sys.argv[3]):>9} B   hook {hook:6.2f} ms   cat {cat:6.2f} ms   ratio {hook / cat:4.2f}x")
PY
)")
}
run() { measure "$1" "$2" "$binary < $2" "cat $2 > /dev/null"; }
pipe() { measure "$1" "$2" "cat $2 | $binary" "cat $2 | cat > /dev/null"; }

run "2.5 KB payload, empty log" "$work/small.json"
run "1 MB payload, empty log" "$work/large.json"
python3 - "$CLAUDE_LOG_DIR/activity-$today.jsonl" <<'PY'
import sys
line = ('{"v":1,"timestamp":"2026-11-22T10:00:00.000Z","event":"PostToolUse","session_id":"s","project":"app",'
        '"tool":"Bash","command":"swift build","tokens":{"input":5,"output":120,"total":125},"success":true}\n')
with open(sys.argv[1], "a") as f:
    f.write(line * (100 * 1024 * 1024 // len(line)))
PY
run "2.5 KB payload, 100 MB log" "$work/small.json"
run "1 MB payload, 100 MB log" "$work/large.json"

# Claude Code writes the payload into a pipe: the same payloads that way, against cat reading the pipe.
pipe "2.5 KB payload, piped" "$work/small.json"
pipe "1 MB payload, piped" "$work/large.json"

echo "session-logger vs cat (hyperfine medians, $(nproc) cores, ${RUNS:-300} runs each)"
printf '%s\n' "${results[@]}"
