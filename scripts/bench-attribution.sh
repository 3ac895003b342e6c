#!/usr/bin/env bash
# Benchmark of attribution (issue 11): `report --range all --json --no-sync` over a generated month
# of heavy use ($CALLS tool calls in the hook log, $REQUESTS requests in the usage ledger; defaults
# 1,000,000 and 2,000,000), against `cat` of the same files piped to `wc -l` in the same run, and
# the same report without attribution's inputs (hook log only) as a second baseline; peak RSS.
# Prints each median's ratio to `cat | wc -l`, the load average and the peak RSS. The default is the
# issue's full month; CALLS=100000 REQUESTS=200000 runs a tenth of it (a minute instead of ten).
# usage: scripts/bench-attribution.sh [SESSION_STATS_BINARY]   (needs hyperfine and GNU time)
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:-}
if [ -z "$binary" ]; then
    swift build -c release --product session-stats >/dev/null
    binary=.build/release/session-stats
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
runs=${RUNS:-3}
calls=${CALLS:-1000000}
requests=${REQUESTS:-2000000}

python3 - "$work/logs" "$calls" "$requests" <<'PY'
import datetime, os, sys
out, calls, requests = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
os.makedirs(out, mode=0o700, exist_ok=True)
days = 30
per_session = 200                      # requests per session: one chain each
sessions = requests // per_session
every = max(requests // max(calls, 1), 1)  # one tool call every `every` requests
tools = ["Bash", "Read", "Edit", "Grep", "Write", "mcp__github__search_code"]
activity, usage = {}, {}
start = datetime.datetime(2026, 10, 1, 8, 0, 0)
made = 0
for s in range(sessions):
    day = s * days // sessions
    t0 = start + datetime.timedelta(days=day, seconds=(s % 97) * 300)
    sid = f"{s:08d}-0000-4000-8000-000000000000"
    held = 2000
    pending = None
    for r in range(per_session):
        t = t0 + datetime.timedelta(seconds=r * 7)
        stamp = t.strftime("%Y-%m-%dT%H:%M:%S.000Z")
        date = t.strftime("%Y-%m-%d")
        tool = None
        if made < calls and r % every == 0 and r < per_session - 1:
            tool = f"toolu_{s:07d}{r:04d}"
            made += 1
        line = (f'{{"v":1,"timestamp":"{stamp}","session_id":"{sid}","project":"p{s % 20}","cwd":"/w/p{s % 20}",'
                f'"model":"claude-sonnet-4-5-20250929","message_id":"msg_01{s:08d}{r:05d}","request_id":"req_{s}_{r}",'
                f'"input":3,"output":{60 + r % 50},"cache_write_5m":{400 if pending else 50},"cache_write_1h":0,'
                f'"cache_read":{held}')
        if tool:
            line += f',"tool_use_ids":["{tool}"]'
        line += f',"tool_input_chars":[{40 + r % 30}]' if tool else ""
        line += f',"text_chars":{100 + r % 200}'
        if r == 0:
            line += ',"prompt_chars":300'
        if pending:
            line += f',"result_ids":["{pending}"],"result_chars":[{1200 + r * 3}]'
        line += "}\n"
        usage.setdefault(date, []).append(line)
        held += 450
        if tool:
            name = tools[(s + r) % len(tools)]
            rt = (t + datetime.timedelta(seconds=2)).strftime("%Y-%m-%dT%H:%M:%S.000Z")
            extra = f',"mcp_server":"github"' if name.startswith("mcp__") else f',"command":"make test {r}"'
            activity.setdefault(date, []).append(
                f'{{"v":1,"timestamp":"{rt}","event":"PostToolUse","session_id":"{sid}","project":"p{s % 20}",'
                f'"cwd":"/w/p{s % 20}","tool":"{name}","tool_use_id":"{tool}"{extra},'
                f'"tokens":{{"input":12,"output":300,"total":312}},"duration_ms":40,"success":true}}\n')
        pending = tool
for name, table in (("usage", usage), ("activity", activity)):
    for date, lines in table.items():
        with open(f"{out}/{name}-{date}.jsonl", "w") as handle:
            handle.writelines(lines)
        os.chmod(f"{out}/{name}-{date}.jsonl", 0o600)
print(f"generated {made:,} tool calls, {sessions * per_session:,} requests over {days} days", file=sys.stderr)
PY
du -sh "$work/logs"
wc -l "$work"/logs/usage-*.jsonl | tail -1
wc -l "$work"/logs/activity-*.jsonl | tail -1

mkdir -p "$work/hook-only"
cp "$work"/logs/activity-*.jsonl "$work/hook-only/"
export TZ=UTC
hyperfine --warmup 1 --runs "$runs" --export-json "$work/report.json" \
    -n 'cat | wc -l' "cat $work/logs/*.jsonl | wc -l" \
    -n 'report, hook log only' "$binary report --range all --json --no-sync --dir $work/hook-only" \
    -n 'report with attribution' "$binary report --range all --json --no-sync --dir $work/logs"
/usr/bin/time -f "report with attribution: %e s wall, %U s user, %S s system, peak RSS %M KB" \
    "$binary" report --range all --json --no-sync --dir "$work/logs" > "$work/out.json"
python3 - "$work/report.json" <<'PY'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
base = results["cat | wc -l"]["median"]
for name in ("report, hook log only", "report with attribution"):
    print(f"{name}: median {results[name]['median']:.3f} s = {results[name]['median'] / base:.1f}x cat | wc -l (median {base * 1000:.1f} ms)")
PY
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$work/out.json" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
a = report["attribution"]
b = a["buckets"]
print("attribution: requests", a["requests"], "cost", a["cost"], "buckets sum",
      round(sum(b.values()), 4), "tool calls", sum(t["calls"] for t in a["by_tool"]),
      "unjoined", a["unjoined"]["tool_calls"], a["unjoined"]["requests"])
PY
