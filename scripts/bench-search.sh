#!/usr/bin/env bash
# Benchmarks `session-stats search` with hyperfine; prints medians, ratios and peak RSS.
#
# 1. Listing the newest 10 of 2,000 sessions, warm (index up to date): synthetic transcripts made by
#    scripts/gen-transcripts.py (2,000 sessions, 40 projects, 180 days), their usage ledger synced
#    once; with the default sync and with --no-sync; target: under 15 ms. `ls -R` of the same tree
#    is the baseline measured in the same run.
# 2. A two-word search over ../shared/fixtures/transcripts/projects (126 MB, index warm, -n 0 so
#    every session is read) against `LC_ALL=C grep -rilF` of the first word over the same files;
#    target: within 2x grep, peak RSS under 50 MB.
# Usage: scripts/bench-search.sh [BINARY]   (default: builds and uses the release session-stats)
#   WORDS="database migration" RUNS=20  to change the search.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v hyperfine >/dev/null; then
    echo "hyperfine is missing: apt-get install hyperfine" >&2
    exit 1
fi
binary=${1:-}
if [ -z "$binary" ]; then
    swift build -c release --product session-stats >/dev/null
    binary=.build/release/session-stats
fi
corpus=../shared/fixtures/transcripts/projects
[ -d "$corpus" ] || { echo "no corpus at $corpus" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
runs=${RUNS:-20}
read -r -a words <<<"${WORDS:-database migration}"

python3 scripts/gen-transcripts.py --sessions 2000 --out "$work/projects"
mkdir -p "$work/logs" "$work/corpus-logs"
list=("$binary" search --dir "$work/logs" --transcripts "$work/projects" -n 10)
"${list[@]}" >/dev/null            # first run: sync, index
search=("$binary" search --no-sync --dir "$work/corpus-logs" --transcripts "$corpus" -n 0 "${words[@]}")
"${search[@]}" >/dev/null          # first run: index
hyperfine -N -w 3 -r "$runs" --export-json "$work/list.json" \
    "${list[*]}" "${list[*]} --no-sync" "ls -R $work/projects" >/dev/null
hyperfine -N -w 2 -r "$runs" --export-json "$work/search.json" \
    "${search[*]}" "env LC_ALL=C grep -rilF ${words[0]} $corpus" >/dev/null

rss() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }
list_rss=$(rss "${list[@]}")
search_rss=$(rss "${search[@]}")
found=$("${search[@]}" --json | grep -c '"session_id"')
files=$(LC_ALL=C grep -rilF "${words[0]}" "$corpus" | wc -l)
echo "corpus: $(du -sh "$corpus" | cut -f1), $(find "$corpus" -name '*.jsonl' | wc -l) transcripts; synthetic: 2,000 sessions, $(du -sh "$work/projects" | cut -f1)"
python3 - "$work/list.json" "$work/search.json" "$list_rss" "$search_rss" "$found" "$files" "${words[*]}" <<'PY'
import json, sys
lists = json.load(open(sys.argv[1]))["results"]
searches = json.load(open(sys.argv[2]))["results"]
list_rss, search_rss, found, files, words = sys.argv[3:8]
ls = lists[2]["median"] * 1000
for name, r in [("search -n 10 (warm, syncs first)", lists[0]), ("search -n 10 --no-sync (warm)", lists[1])]:
    m = r["median"] * 1000
    cpu = (r["user"] + r["system"]) * 1000
    print(f"{name:<36} median {m:6.2f} ms  (user+sys {cpu:5.2f} ms; ls -R of the tree {ls:5.2f} ms)  target < 15 ms")
print(f"{'  peak RSS':<36} {int(list_rss) / 1024:.1f} MB")
s, g = searches[0]["median"] * 1000, searches[1]["median"] * 1000
print(f"search {words} -n 0 (warm index)     median {s:7.2f} ms  user+sys {(searches[0]['user'] + searches[0]['system']) * 1000:6.2f} ms  {found} sessions")
print(f"grep -rilF {words.split()[0]:<24}     median {g:7.2f} ms  user+sys {(searches[1]['user'] + searches[1]['system']) * 1000:6.2f} ms  {files} files")
print(f"ratio search / grep: {s / g:.2f}x (target <= 2x); search peak RSS {int(search_rss) / 1024:.1f} MB (target < 50 MB)")
PY
