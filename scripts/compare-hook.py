#!/usr/bin/env python3
"""Runs two session-logger binaries on every payload of a JSONL corpus and compares the lines they write.

Usage: scripts/compare-hook.py OLD NEW [CORPUS]
CORPUS defaults to ../shared/fixtures/hook-payloads/corpus.jsonl. The lines must be byte for byte the
same apart from the timestamp; prints each difference and "N payloads, M differ", exits 1 if any do.
"""
import concurrent.futures, os, re, subprocess, sys, tempfile

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if len(sys.argv) < 3:
    sys.exit(__doc__)
old, new = sys.argv[1], sys.argv[2]
corpus = sys.argv[3] if len(sys.argv) > 3 else os.path.join(root, "../shared/fixtures/hook-payloads/corpus.jsonl")
if not os.path.exists(corpus):
    print(f"skipped: {corpus} is absent")
    sys.exit(0)
timestamp = re.compile(rb'"timestamp":"[^"]*"')
env = {k: v for k, v in os.environ.items() if not k.startswith("CLAUDE_")}


def line(binary, payload):
    with tempfile.TemporaryDirectory() as logs:
        run = subprocess.run([binary], input=payload, env=dict(env, CLAUDE_LOG_DIR=logs), capture_output=True)
        files = [name for name in os.listdir(logs) if name.startswith("activity-")]
        written = b"".join(open(os.path.join(logs, name), "rb").read() for name in files)
        return run.returncode, run.stdout, timestamp.sub(b'"timestamp":""', written)


def compare(item):
    number, payload = item
    return number, line(old, payload), line(new, payload)


with open(corpus, "rb") as lines:
    payloads = list(enumerate(lines, 1))
differ = 0
with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
    for number, before, after in pool.map(compare, payloads):
        if before != after:
            differ += 1
            if differ <= 10:
                print(f"payload {number}:\n  old {before!r:.600}\n  new {after!r:.600}")
print(f"{len(payloads)} payloads, {differ} differ")
sys.exit(1 if differ else 0)
