#!/usr/bin/env python3
"""Generate realistic session-logger activity logs, deterministically, for benchmarks and checks.

    scripts/gen-logs.py --entries 1000000 --days 90 --out /tmp/logs [--seed 1]

writes activity-YYYY-MM-DD.jsonl files: v1 lines (format of LogRecord.jsonLine) from interleaved
sessions over several projects, tools and models, with a few legacy bash-logger entries
(pretty-printed, no "v"/"event"), hook "invalid" lines, and bad lines (malformed, truncated,
non-records, wrong-typed timestamps, blank lines). File dates are local dates at --utc-offset.

The same arguments always give the same bytes. The expected totals of what a correct reader
makes of the files are printed as JSON on stdout (or written to --summary FILE): records,
operations, failures, sessions, tokens, skipped lines, blank lines, invalid lines, per tool/day.
"""

import argparse
from base64 import b64encode
import bisect
import datetime
import itertools
import json
import os
import random
import sys

TOOLS = [  # (tool, weight)
    ("Read", 26), ("Bash", 24), ("Edit", 16), ("Grep", 9), ("Glob", 5), ("Write", 5),
    ("TodoWrite", 4), ("WebFetch", 3), ("WebSearch", 2), ("Task", 2), ("MultiEdit", 2),
    ("mcp__github__create_issue", 1), ("NotebookEdit", 1),
]
MODELS = ["claude-opus-4-5-20251101", "claude-sonnet-4-5-20250929", "claude-haiku-4-5-20251001"]
PROJECTS = ["app", "api-server", "web-frontend", "infra", "data-pipeline", "docs", "mobile", "ml-experiments",
            "session-log", "billing"]
COMMANDS = [
    "ls -la", "git status", "git diff --stat", "swift build", "swift test --filter ReaderTests",
    "npm run test -- --watch=false", "cargo build --release", "make -j4", "rg -n \"TODO\" Sources",
    "docker compose up -d db", "kubectl get pods -n staging", "python3 -m pytest -q tests/unit",
    "git log --oneline -20", "cat package.json | jq .scripts", "curl -s https://example.com/health",
    "find . -name '*.swift' | xargs wc -l", "go test ./...", "terraform plan -out plan.tfplan",
]
FILES = ["Sources/App/main.swift", "Sources/App/Router.swift", "src/index.ts", "src/components/Header.tsx",
         "README.md", "Package.swift", "api/handlers/users.go", "infra/main.tf", "pipeline/etl.py",
         "docs/guide.md", "tests/test_api.py", "src/lib.rs", "Cargo.toml", "app/models/user.rb"]
PATTERNS = ["TODO", "func .*Reader", "import .*", "**/*.swift", "src/**/*.ts", "class \\w+Error"]
URLS = ["https://docs.swift.org/swift-book/", "https://developer.apple.com/documentation/",
        "https://github.com/apple/swift/issues/1", "https://example.com/api?page=2"]
QUERIES = ["swift typed throws", "linux localtime_r performance", "jq pretty print", "rust borrow checker"]
AGENTS = ["general-purpose", "code-reviewer", "test-runner"]
ERRORS = ["Exit code 1", "File has not been read yet. Read it first before writing to it.",
          "String to replace not found in file.", "Command timed out after 2m 0.0s"]
B64_TO_ALNUM = str.maketrans("+/", "xQ")


def q(text):
    """A JSON string literal."""
    return json.dumps(text, ensure_ascii=False)


class Generator:
    def __init__(self, args):
        self.args = args
        self.rng = random.Random(args.seed)
        self.offset_ms = args.utc_offset * 60000
        self.tool_names = [t for t, _ in TOOLS]
        self.tool_cumulative = list(itertools.accumulate(w for _, w in TOOLS))
        self.date_text = {}  # day number since 1970-01-01 -> "YYYY-MM-DD"
        self.q_commands = [q(c) for c in COMMANDS]
        self.q_files = [q(f) for f in FILES]
        self.q_patterns = [q(p) for p in PATTERNS]
        self.q_urls = [q(u) for u in URLS]
        self.q_queries = [q(x) for x in QUERIES]
        self.q_errors = [q(e) for e in ERRORS]
        self.totals = {"records": 0, "operations": 0, "failures": 0, "input_tokens": 0, "output_tokens": 0,
                       "legacy": 0, "skipped": 0, "blank_lines": 0, "invalid_lines": 0, "files": 0,
                       "bytes": 0, "lines": 0}
        self.sessions = set()
        self.by_tool = {}
        self.by_day = {}

    def uuid(self):
        r = self.rng.getrandbits(128)
        h = "%032x" % r
        return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:]}"

    def tool_use_id(self):
        return "toolu_01" + b64encode(self.rng.getrandbits(132).to_bytes(17, "little")).decode()[:22].translate(
            B64_TO_ALNUM)

    def randint(self, low, high):
        """A uniform integer in low...high; faster than random.randint, and as deterministic."""
        return low + int(self.rng.random() * (high - low + 1))

    def pick_tool(self):
        total = self.tool_cumulative[-1]
        return self.tool_names[bisect.bisect_right(self.tool_cumulative, self.rng.random() * total)]

    def date(self, day_number):
        text = self.date_text.get(day_number)
        if text is None:
            text = (datetime.date(1970, 1, 1) + datetime.timedelta(days=day_number)).isoformat()
            self.date_text[day_number] = text
        return text

    def stamp(self, t, millis=True):
        """`t` is UTC milliseconds since the epoch; the v1 form with milliseconds, or whole seconds."""
        day, rest = divmod(t, 86400000)
        seconds, ms = divmod(rest, 1000)
        hours, seconds = divmod(seconds, 3600)
        minutes, seconds = divmod(seconds, 60)
        if millis:
            return "%sT%02d:%02d:%02d.%03dZ" % (self.date(day), hours, minutes, seconds, ms)
        return "%sT%02d:%02d:%02dZ" % (self.date(day), hours, minutes, seconds)

    def local_day(self, t):
        """The local day number of UTC milliseconds `t`."""
        return (t + self.offset_ms) // 86400000

    def session(self, start, lines):
        """The (utc time, kind, fields) events of one session: exactly `lines` of them."""
        rng = self.rng
        sid = self.uuid()
        project = rng.choice(PROJECTS)
        model = rng.choice(MODELS)
        events = []
        t = start
        events.append((t, "SessionStart", {"sid": sid, "project": project, "model": model}))
        n = 1
        body = lines - 1  # the last one is SessionEnd
        while n < body:
            t += self.randint(2000, 90000)
            events.append((t, "UserPromptSubmit", {"sid": sid, "project": project}))
            n += 1
            for _ in range(self.randint(1, 12)):
                if n >= body:
                    break
                t += self.randint(300, 20000)
                tool = self.pick_tool()
                failed = rng.random() < 0.04
                events.append((t, "PostToolUseFailure" if failed else "PostToolUse",
                               {"sid": sid, "project": project, "tool": tool}))
                n += 1
            if rng.random() < 0.05 and n < body:
                t += self.randint(1000, 60000)
                events.append((t, "Notification", {"sid": sid, "project": project}))
                n += 1
        if lines > 1:
            t += self.randint(1000, 30000)
            events.append((t, "SessionEnd", {"sid": sid, "project": project}))
        return events

    def v1_line(self, t, event, f):
        rng = self.rng
        sid, project = f["sid"], f["project"]
        head = (f'{{"v":1,"timestamp":"{self.stamp(t)}","event":"{event}","session_id":"{sid}",'
                f'"project":"{project}","cwd":"/home/dev/projects/{project}"')
        tin, tout = 0, 0
        tail = ""
        ops = fails = 0
        tool = None
        if event == "SessionStart":
            tail = (f',"source":"startup","model":"{f["model"]}",'
                    f'"transcript_path":"/home/dev/.claude/projects/-home-dev-projects-{project}/{sid}.jsonl",'
                    f'"user":"dev","host":"workstation"')
        elif event == "UserPromptSubmit":
            tin = self.randint(5, 400)
        elif event == "SessionEnd":
            tail = ',"reason":"prompt_input_exit"'
        elif event == "Notification":
            tail = ',"notification_type":"idle_prompt"'
        else:
            tool = f["tool"]
            ops = 1
            mid = f',"tool":"{tool}","tool_use_id":"{self.tool_use_id()}"'
            if tool == "Bash":
                mid += ',"command":' + rng.choice(self.q_commands)
            elif tool in ("Read", "Edit", "Write", "MultiEdit", "NotebookEdit"):
                mid += f',"file":"/home/dev/projects/{project}/' + rng.choice(self.q_files)[1:]
            elif tool in ("Grep", "Glob"):
                mid += f',"path":"/home/dev/projects/{project}","pattern":' + rng.choice(self.q_patterns)
            elif tool == "WebFetch":
                mid += ',"url":' + rng.choice(self.q_urls)
            elif tool == "WebSearch":
                mid += ',"query":' + rng.choice(self.q_queries)
            elif tool == "Task":
                mid += ',"agent":"' + rng.choice(AGENTS) + '"'
            elif tool.startswith("mcp__"):
                mid += ',"mcp_server":"github"'
            head += mid
            tin = self.randint(5, 2000)
            tout = self.randint(0, 6000)
            duration = self.randint(1, 30000)
            if event == "PostToolUseFailure":
                fails = 1
                tail = f',"duration_ms":{duration},"success":false,"error":' + rng.choice(self.q_errors)
            else:
                tail = f',"duration_ms":{duration},"success":true'
        line = (head + f',"tokens":{{"input":{tin},"output":{tout},"total":{tin + tout}}}' + tail + "}\n")
        self.count(t, sid, tool, ops, fails, tin, tout)
        return line

    def legacy_entry(self, t, f):
        """A bash-logger entry: jq-pretty-printed, whole seconds, Grep/Glob paths in "file"."""
        rng = self.rng
        tool = rng.choice(["Bash", "Read", "Edit", "Grep", "Glob"])
        sid = "%d-%d" % (1700000000 + self.randint(0, 9999999), self.randint(1000, 99999))
        project = f["project"]
        tin = self.randint(1, 500)
        lines = ["{", f'  "timestamp": "{self.stamp(t, millis=False)}",', f'  "session_id": "{sid}",',
                 f'  "tool": "{tool}",']
        if tool == "Bash":
            lines.append('  "command": ' + rng.choice(self.q_commands) + ",")
        elif tool in ("Grep", "Glob"):
            lines.append(f'  "file": "/home/dev/projects/{project}",')
        else:
            lines.append(f'  "file": "/home/dev/projects/{project}/' + rng.choice(self.q_files)[1:] + ",")
        lines += [f'  "project": "{project}",', '  "tokens": {', f'    "input": {tin},', '    "output": 0,',
                  f'    "total": {tin}', "  }", "}"]
        self.count(t - t % 1000, sid, tool, 1, 0, tin, 0)
        self.totals["legacy"] += 1
        return "\n".join(lines) + "\n"

    def invalid_line(self, t):
        self.totals["invalid_lines"] += 1
        return (f'{{"v":1,"timestamp":"{self.stamp(t)}","event":"invalid","tokens":{{"input":0,"output":0,'
                f'"total":0}},"bytes":17,"input_error":"not a JSON object"}}\n')

    def bad_line(self, t):
        """A line a correct reader skips (counted), or a blank line."""
        rng = self.rng
        kind = rng.randrange(7)
        if kind == 0:
            self.totals["blank_lines"] += 1
            return "\n"
        self.totals["skipped"] += 1
        if kind == 1:  # cut mid-record, then the next line follows
            return f'{{"v":1,"timestamp":"{self.stamp(t)}","event":"PostToolUse","session_id":"cut-' + "\n"
        if kind == 2:
            return "this is not json at all\n"
        if kind == 3:
            return rng.choice(["{}\n", "[]\n", '"x"\n', '{"foo":1}\n', "42\n"])
        if kind == 4:  # wrong-typed timestamp makes the line unusable
            return ('{"v":1,"timestamp":12345,"event":"PostToolUse","session_id":"bad-ts","tool":"Bash",'
                    '"tokens":{"input":999,"output":999,"total":1998}}\n')
        if kind == 5:
            return f'{{"v":1,"timestamp":"{self.stamp(t)}","event":"PostToolUse","tool":"Bash",}}\n'
        return '{"v":1,"timestamp":"not a time","event":"PostToolUse","session_id":"bad","tool":"Read"}\n'

    def count(self, t, sid, tool, ops, fails, tin, tout):
        tot = self.totals
        tot["records"] += 1
        tot["operations"] += ops
        tot["failures"] += fails
        tot["input_tokens"] += tin
        tot["output_tokens"] += tout
        self.sessions.add(sid)
        if ops and tool:
            self.by_tool[tool] = self.by_tool.get(tool, 0) + 1
        day = self.date(self.local_day(t))
        self.by_day[day] = self.by_day.get(day, 0) + ops

    def run(self):
        a = self.args
        rng = self.rng
        first_day = datetime.date.fromisoformat(a.start)
        per_day = max(1, a.entries // a.days)
        os.makedirs(a.out, exist_ok=True)
        pending = {}  # local day -> [(time, kind, fields)] spilled over from earlier days
        written = 0
        for index in range(a.days):
            day = first_day + datetime.timedelta(days=index)
            target = per_day if index < a.days - 1 else a.entries - written
            events = pending.pop((day - datetime.date(1970, 1, 1)).days, [])
            planned = len(events)
            day_number = (day - datetime.date(1970, 1, 1)).days
            midnight = day_number * 86400000 - self.offset_ms
            while planned < target:
                size = min(self.randint(20, 400), target - planned)
                start = midnight + self.randint(0, 86399 - 3600) * 1000
                for event in self.session(start, size):
                    event_day = self.local_day(event[0])
                    if event_day == day_number or index == a.days - 1:
                        events.append(event)
                        planned += 1
                    else:
                        # Counted on the day it lands on, whose target it takes a share of.
                        pending.setdefault(event_day, []).append(event)
            events.sort(key=lambda e: e[0])
            out = []
            for t, kind, fields in events:
                roll = rng.random()
                if roll < a.bad_rate:
                    out.append(self.bad_line(t))
                elif roll < a.bad_rate + a.invalid_rate:
                    out.append(self.invalid_line(t))
                if rng.random() < a.legacy_rate:
                    out.append(self.legacy_entry(t, fields))
                else:
                    out.append(self.v1_line(t, kind, fields))
            written += len(events)
            text = "".join(out)
            if index == a.days - 1 and a.truncate_last:
                cut = f'{{"v":1,"timestamp":"{self.stamp(events[-1][0])}","event":"PostToolUse","sess'
                text += cut
                self.totals["skipped"] += 1
            data = text.encode()
            with open(os.path.join(a.out, f"activity-{day.isoformat()}.jsonl"), "wb") as handle:
                handle.write(data)
            self.totals["files"] += 1
            self.totals["bytes"] += len(data)
            self.totals["lines"] += data.count(b"\n")
        summary = dict(self.totals)
        summary["sessions"] = len(self.sessions)
        summary["operations_by_tool"] = dict(sorted(self.by_tool.items()))
        summary["operations_by_day"] = dict(sorted(self.by_day.items()))
        return summary


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entries", type=int, default=100000,
                        help="good records (v1 lines and legacy entries) to write; bad, blank and invalid lines "
                             "come on top (default 100000)")
    parser.add_argument("--days", type=int, default=30, help="days of files (default 30)")
    parser.add_argument("--out", required=True,
                        help="directory to write the files into (created; other files there are left alone)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--start", default="2026-01-01", help="first local date (default 2026-01-01)")
    parser.add_argument("--utc-offset", type=int, default=0, help="local offset in minutes for file dates")
    parser.add_argument("--legacy-rate", type=float, default=0.01, help="share of legacy entries (0.01)")
    parser.add_argument("--bad-rate", type=float, default=0.001, help="share of extra bad/blank lines (0.001)")
    parser.add_argument("--invalid-rate", type=float, default=0.0005, help="share of extra invalid lines")
    parser.add_argument("--truncate-last", action="store_true", help="end the last file mid-record")
    parser.add_argument("--summary", help="write the expected totals here instead of stdout")
    args = parser.parse_args()
    if args.entries < 1 or args.days < 1:
        parser.error("--entries and --days must be positive")
    summary = Generator(args).run()
    text = json.dumps(summary, indent=2) + "\n"
    if args.summary:
        with open(args.summary, "w") as handle:
            handle.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
