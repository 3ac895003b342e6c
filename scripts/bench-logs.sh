# shellcheck shell=bash
# Set-up shared by bench-stats.sh and bench-ops.sh, sourced after `cd` to the package root with
# the script's arguments. Sets
#   binary  $1, else a release session-stats built into $SCRATCH (default: .build)
#   work    a temporary directory, removed on exit
#   today   today's local date, YYYY-MM-DD
#   logs    $LOGS, else $ENTRIES entries (default 1,000,000) over $DAYS days (default 90) ending
#           today, made by scripts/gen-logs.py (whose output is dropped when the script set
#           quiet_generation=1 before sourcing this)
binary=${1:-}
if [ -z "$binary" ]; then
    scratch=${SCRATCH:-.build}
    swift build -c release --product session-stats --scratch-path "$scratch" >/dev/null
    binary=$scratch/release/session-stats
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

entries=${ENTRIES:-1000000}
days=${DAYS:-90}
today=$(date +%Y-%m-%d)
logs=${LOGS:-$work/logs}
if [ -z "${LOGS:-}" ]; then
    # File dates are local dates: generate at this machine's UTC offset, ending today.
    offset=$(date +%z)
    minutes=$(( (10#${offset:1:2} * 60 + 10#${offset:3:2}) * (${offset:0:1}1) ))
    start=$(date -d "$today - $((days - 1)) days" +%Y-%m-%d)
    generate=(python3 scripts/gen-logs.py --entries "$entries" --days "$days" --out "$logs" --start "$start"
        --utc-offset "$minutes" --summary "$work/summary.json")
    if [ -n "${quiet_generation:-}" ]; then "${generate[@]}" >/dev/null; else "${generate[@]}"; fi
fi
