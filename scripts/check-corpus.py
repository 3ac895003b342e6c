#!/usr/bin/env python3
"""Runs the built session-logger on every payload of a JSONL corpus and checks each line it writes.

Usage: scripts/check-corpus.py [BINARY] [CORPUS]
Defaults: .build/release/session-logger and ../shared/fixtures/hook-payloads/corpus.jsonl.

For every payload: exit 0, nothing on stdout, exactly one new line that is valid UTF-8 JSON, and
event, session, tool, file and token estimate as docs/log-format.md says, recounted here independently
(tool_response without its originalFile, originalFileContents and structuredPatch members).
"""
import json, os, subprocess, sys, tempfile

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, ".build/release/session-logger")
corpus = sys.argv[2] if len(sys.argv) > 2 else os.path.join(root, "../shared/fixtures/hook-payloads/corpus.jsonl")
if not os.path.exists(corpus):
    print(f"skipped: {corpus} is absent")
    sys.exit(0)


class Raw(str):
    """A number kept as written, so its characters count as they appear."""


def compact(value):
    """Characters of the compact JSON text of a value, non-ASCII unescaped."""
    if isinstance(value, Raw):
        return len(value)
    if isinstance(value, bool):
        return 4 if value else 5
    if value is None:
        return 4
    if isinstance(value, str):
        return len(json.dumps(value, ensure_ascii=False))
    if isinstance(value, list):
        return 2 + max(len(value) - 1, 0) + sum(compact(v) for v in value)
    return 2 + max(len(value) - 1, 0) + sum(compact(k) + 1 + compact(v) for k, v in value.items())


def chars(value):
    if value is None:
        return 0
    return len(value) if isinstance(value, str) and not isinstance(value, Raw) else compact(value)


def tokens(value):
    return (chars(value) + 3) // 4


# Members of a tool_response object the estimate leaves out since 2026-12-01 (docs/log-format.md).
UNSEEN = ("originalFile", "originalFileContents", "structuredPatch")


def response(value):
    """tool_response as the output estimate counts it: an object without the UNSEEN members."""
    if isinstance(value, dict):
        return {k: v for k, v in value.items() if k not in UNSEEN}
    return value


def basename(path):
    trimmed = path.rstrip("/\\")
    return trimmed.replace("\\", "/").split("/")[-1] if trimmed else None


failures = 0
checked = 0
with tempfile.TemporaryDirectory() as logs, open(corpus, "rb") as lines:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAUDE_")}
    env["CLAUDE_LOG_DIR"] = logs
    for number, raw in enumerate(lines, 1):
        payload = json.loads(raw, parse_float=Raw, parse_int=Raw)
        result = subprocess.run([binary], input=raw, capture_output=True, env=env)
        written = [f for f in os.listdir(logs) if f.startswith("activity-")]
        problems = []
        if result.returncode != 0:
            problems.append(f"exit {result.returncode}")
        if result.stdout:
            problems.append(f"stdout {result.stdout[:80]!r}")
        out = b"".join(open(os.path.join(logs, f), "rb").read() for f in written)
        for f in written:
            os.remove(os.path.join(logs, f))
        if out.count(b"\n") != 1 or not out.endswith(b"\n"):
            problems.append(f"{out.count(chr(10).encode())} lines")
        else:
            line = json.loads(out.decode("utf-8"))
            event = payload.get("hook_event_name")
            tool_input = payload.get("tool_input") if isinstance(payload.get("tool_input"), dict) else {}
            expected = {
                "event": event,
                "session_id": payload.get("session_id"),
                "tool": payload.get("tool_name"),
                "cwd": payload.get("cwd"),
                "file": tool_input.get("file_path") or tool_input.get("notebook_path"),
                "project": basename(payload["cwd"]) if payload.get("cwd") else line.get("project"),
            }
            if event == "PostToolUse":
                expected["tokens"] = (tokens(payload.get("tool_input")), tokens(response(payload.get("tool_response"))))
            elif event == "PostToolUseFailure":
                expected["tokens"] = (tokens(payload.get("tool_input")), tokens(payload.get("error")))
            elif event == "UserPromptSubmit":
                expected["tokens"] = (tokens(payload.get("prompt")), 0)
            else:
                expected["tokens"] = (0, 0)
            got = dict((k, line.get(k)) for k in expected if k != "tokens")
            t = line.get("tokens", {})
            got["tokens"] = (t.get("input"), t.get("output"))
            if t.get("total") != (t.get("input") or 0) + (t.get("output") or 0):
                problems.append("total is not input + output")
            for key, value in expected.items():
                if got[key] != value:
                    problems.append(f"{key}: got {got[key]!r}, expected {value!r}")
            if line.get("v") != 1:
                problems.append("no v:1")
            command = line.get("command")
            if command is not None and len(command) > 500:
                problems.append("command over 500 characters")
        checked += 1
        if problems:
            failures += 1
            if failures <= 20:
                print(f"line {number}: " + "; ".join(problems))

print(f"corpus: {checked - failures} passed, {failures} failed")
sys.exit(1 if failures else 0)
