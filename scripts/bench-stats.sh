#!/usr/bin/env bash
# Benchmarks session-stats on a year-like log directory: 1,000,000 v1 entries over 90 days
# (scripts/gen-logs.py), today's file included.
#
# Prints median wall time and peak RSS of
#   session-stats --range all --json     next to  cat <all files> | wc -l
#   session-stats --range today --json   next to  cat <today's file> | wc -l
# Usage: scripts/bench-stats.sh [BINARY]   (default: builds and uses the release session-stats)
#   ENTRIES=1000000 DAYS=90 RUNS=10 LOGS=/existing/dir  change the set-up.
set -euo pipefail
cd "$(dirname "$0")/.."
quiet_generation=1
source scripts/bench-logs.sh "$@"

python3 - "$binary" "$logs" "$today" "${RUNS:-10}" <<'PY'
import glob, os, statistics, subprocess, sys, time
binary, logs, today, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
files = sorted(glob.glob(f"{logs}/activity-*.jsonl"))
todays = f"{logs}/activity-{today}.jsonl"
size = sum(os.path.getsize(f) for f in files)
lines = int(subprocess.run(f"cat {logs}/activity-*.jsonl | wc -l", shell=True, capture_output=True, text=True).stdout)
env = dict(os.environ, CLAUDE_LOG_DIR=logs)

def measure(argv, shell=False):
    """Median wall seconds and peak RSS (MB) over the runs, after one warm-up."""
    walls, peaks = [], []
    for i in range(runs + 1):
        start = time.perf_counter()
        proc = subprocess.Popen(argv, shell=shell, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"{argv} exited {os.waitstatus_to_exitcode(status)}")
        if i:
            walls.append(wall)
            peaks.append(usage.ru_maxrss / 1024)
    return statistics.median(walls), max(peaks)

print(f"logs: {len(files)} files, {lines:,} lines, {size / 1e6:.0f} MB; {runs} runs each, medians")
rows = [
    ("session-stats --range all --json", [binary, "--range", "all", "--json"], f"cat {logs}/activity-*.jsonl | wc -l", 2.5),
    ("session-stats --range today --json", [binary, "--range", "today", "--json"], f"cat {todays} | wc -l", 5),
]
for label, argv, baseline, target in rows:
    wall, rss = measure(argv)
    base, base_rss = measure(baseline, shell=True)
    print(f"{label:<36} {wall * 1000:8.1f} ms  {rss:6.1f} MB peak RSS | wc -l {base * 1000:7.1f} ms"
          f" | ratio {wall / base:5.2f}x (target <= {target}x)")
PY
