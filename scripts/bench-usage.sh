#!/usr/bin/env bash
# Benchmarks of the usage ledger (issue 13), each against a baseline measured in the same run:
#   1. first `sync` of the real transcripts (../shared/fixtures/transcripts/projects, 126 MB)
#      vs `cat` of the same files piped to `wc -l`; peak RSS of the sync;
#   2. a `sync` with nothing new over 2,000 transcript files (copies of the fixtures' small files);
#   3. `report --range all --json --no-sync` over a year of ledger ($REQUESTS requests, default
#      5,000,000, made by repeating the fixtures' ledger over 365 days) vs `cat | wc -l` of its
#      files, the two in turns ($RUNS pairs; the median pair's ratio is the figure); peak RSS (the
#      report includes attribution's join of the ledger, docs/usage-format.md);
#   4. `blocks --range all --json` over the same year; peak RSS;
#   5. the same report over a copy of the year that `rotate --keep-days 1` rolled up whole; peak RSS.
# usage: scripts/bench-usage.sh [SESSION_STATS_BINARY]   (needs hyperfine and GNU time)
#   PARTS="3 4" runs only those parts; YEAR=DIR reuses a year ledger made before (parts 3 to 5)
#   instead of generating one (part 5 rotates a copy, never DIR itself).
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:-}
if [ -z "$binary" ]; then
    swift build -c release --product session-stats >/dev/null
    binary=.build/release/session-stats
fi
transcripts=${TRANSCRIPTS:-../shared/fixtures/transcripts/projects}
[ -d "$transcripts" ] || { echo "skipped: $transcripts is absent" >&2; exit 0; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
runs=${RUNS:-5}
parts=${PARTS:-1 2 3 4 5}
wants() { case " $parts " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }

if wants 1 || { { wants 3 || wants 4 || wants 5; } && [ -z "${YEAR:-}" ]; }; then
echo "== 1. first sync of $(du -sh "$transcripts" | cut -f1) of transcripts, vs cat | wc -l"
hyperfine --warmup 1 --runs "$runs" --export-json "$work/first.json" \
    --prepare "rm -rf $work/logs" \
    -n 'cat | wc -l' "find $transcripts -name '*.jsonl' -exec cat {} + | wc -l" \
    -n 'first sync' "$binary sync --dir $work/logs --transcripts $transcripts"
rm -rf "$work/logs"
/usr/bin/time -f "first sync peak RSS: %M KB" "$binary" sync --dir "$work/logs" --transcripts "$transcripts" >/dev/null
fi

if wants 2; then
echo "== 2. sync with nothing new over 2,000 transcript files"
mkdir -p "$work/many"
i=0
while [ $i -lt 2000 ]; do
    project="$work/many/project-$((i % 40))"
    mkdir -p "$project"
    printf '{"type":"assistant","sessionId":"s-%d","cwd":"/p","timestamp":"2026-01-01T00:00:00.000Z","message":{"id":"msg_01x%d","model":"claude-opus-4-5","usage":{"input_tokens":1,"output_tokens":1}}}\n' "$i" "$i" > "$project/s-$i.jsonl"
    i=$((i + 1))
done
"$binary" sync --dir "$work/many-logs" --transcripts "$work/many" >/dev/null
hyperfine --warmup 3 --runs $((runs * 4)) -N \
    -n 'no-op sync, 2,000 files' "$binary sync --dir $work/many-logs --transcripts $work/many"
fi

wants 3 || wants 4 || wants 5 || exit 0
year=${YEAR:-$work/year}
if [ -z "${YEAR:-}" ]; then
requests=${REQUESTS:-5000000}
python3 - "$work/logs" "$work/year" "$requests" <<'PY'
import glob, os, sys
source, out, wanted = sys.argv[1], sys.argv[2], int(sys.argv[3])
lines = [l for f in sorted(glob.glob(source + "/usage-2*.jsonl")) for l in open(f)]
os.makedirs(out, exist_ok=True)
per_day = wanted // 365
for day in range(365):
    import datetime
    date = datetime.date(2025, 1, 1) + datetime.timedelta(days=day)
    with open(f"{out}/usage-{date}.jsonl", "w") as handle:
        for n in range(per_day):
            line = lines[(day * per_day + n) % len(lines)]
            # A distinct request per line, on this day: new message id and timestamp.
            line = line.replace('"message_id":"', f'"message_id":"msg_01d{day}n{n}', 1)
            line = line.replace(line[line.index('"timestamp":"') + 13:line.index('"timestamp":"') + 23], str(date), 1)
            handle.write(line)
PY
fi
echo "ledger: $(cat "$year"/usage-*.jsonl | wc -l) lines, $(du -sh "$year" | cut -f1)"

if wants 3; then
echo "== 3. report over a year of ledger, in turns with cat | wc -l"
# The two alternate run by run (after one warm-up each), so a slow minute on a shared machine
# slows both: each pair gives a ratio, and the median of the pairs is the figure to quote.
seconds() { python3 -c 'import sys; print(f"{int(sys.argv[1]) / 1e9:.3f}")' "$1"; }
timed() {
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null
    end=$(date +%s%N)
    echo $((end - start))
}
timed sh -c "cat $year/usage-*.jsonl | wc -l" >/dev/null
timed "$binary" report --range all --json --no-sync --dir "$year" >/dev/null
ratios=""
baselines=""
reports=""
for run in $(seq 1 "$runs"); do
    baseline=$(timed sh -c "cat $year/usage-*.jsonl | wc -l")
    report=$(timed "$binary" report --range all --json --no-sync --dir "$year")
    ratio=$(python3 -c 'import sys; print(f"{int(sys.argv[2]) / int(sys.argv[1]):.2f}")' "$baseline" "$report")
    echo "pair $run: cat | wc -l $(seconds "$baseline") s, report $(seconds "$report") s, ${ratio}x"
    ratios="$ratios $ratio"
    baselines="$baselines $baseline"
    reports="$reports $report"
done
python3 - "$ratios" "$baselines" "$reports" <<'PY'
import statistics, sys
ratios, baselines, reports = ([float(v) for v in arg.split()] for arg in sys.argv[1:4])
print(f"median of {len(ratios)} pairs: cat | wc -l {statistics.median(baselines) / 1e9:.3f} s, "
      f"report {statistics.median(reports) / 1e9:.3f} s, ratio {statistics.median(ratios):.2f}x "
      f"(pairs {min(ratios):.2f}-{max(ratios):.2f}x)")
PY
/usr/bin/time -f "report: %e s wall, %U s user, %S s system, peak RSS: %M KB" \
    "$binary" report --range all --json --no-sync --dir "$year" >/dev/null
fi

if wants 4; then
echo "== 4. blocks over the same year (each file read twice), peak RSS"
/usr/bin/time -f "blocks: %e s wall, %U s user, peak RSS: %M KB" \
    "$binary" blocks --range all --json --no-sync --dir "$year" >/dev/null
fi
if wants 5; then
echo "== 5. report over the same year rolled up whole by rotate"
cp -r "$year" "$work/rotated"
/usr/bin/time -f "rotate: %e s wall, %U s user, peak RSS: %M KB" \
    "$binary" rotate --keep-days 1 --no-sync --dir "$work/rotated" >/dev/null
echo "roll-ups: $(cat "$work"/rotated/usage-rollup-*.jsonl | wc -l) rows, $(du -sh "$work/rotated" | cut -f1)"
/usr/bin/time -f "report (rotated): %e s wall, %U s user, %S s system, peak RSS: %M KB" \
    "$binary" report --range all --json --no-sync --dir "$work/rotated" >/dev/null
rm -rf "$work/rotated"
fi
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
