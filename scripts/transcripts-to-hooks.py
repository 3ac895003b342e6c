#!/usr/bin/env python3
"""Rebuilds the PostToolUse hook payloads Claude Code would have sent from transcripts: each
`tool_use` block of a request (an assistant line with usage, not `<synthetic>`) and the
`tool_result` that answered it give one payload, in the order the results were written.

usage: transcripts-to-hooks.py [--with-time] TRANSCRIPTS_DIR
  prints one payload per line (pipe each to session-logger); with --with-time each line is
  "TIMESTAMP<TAB>PAYLOAD", the time of the tool_result line (for tests that log at that time).
Subagent calls carry agent_id and, when the parent's Task/Agent call names it, agent_type.
"""
import json
import os
import sys


def lines(path):
    with open(path, "rb") as handle:
        for raw in handle:
            if b'"tool_use"' not in raw and b'"tool_result"' not in raw:
                continue
            try:
                value = json.loads(raw.decode("utf-8", "surrogatepass"))
            except ValueError:
                continue
            if isinstance(value, dict):
                yield value


def blocks(line):
    message = line.get("message")
    if not isinstance(message, dict):
        return message, []
    content = message.get("content")
    return message, [block for block in content if isinstance(block, dict)] if isinstance(content, list) else []


def main(argv):
    with_time = "--with-time" in argv
    roots = [a for a in argv[1:] if a != "--with-time"]
    if len(roots) != 1:
        print(__doc__, file=sys.stderr)
        return 64
    files = []
    for directory, _, names in os.walk(roots[0]):
        files += [os.path.join(directory, n) for n in sorted(names) if n.endswith(".jsonl")]
    uses = {}  # tool_use_id -> (name, input, subagent_type or None)
    results = {}  # tool_use_id -> (timestamp, line, block, path)
    agent_types = {}
    for path in sorted(files):
        for line in lines(path):
            message, content = blocks(line)
            if line.get("type") == "assistant":
                usage = isinstance(message, dict) and isinstance(message.get("usage"), dict)
                if not usage or message.get("model") == "<synthetic>":
                    continue
                for block in content:
                    if block.get("type") == "tool_use" and isinstance(block.get("id"), str):
                        tool_input = block.get("input") if isinstance(block.get("input"), dict) else {}
                        uses.setdefault(block["id"], (block.get("name") or "", tool_input))
            elif line.get("type") == "user":
                for block in content:
                    if block.get("type") != "tool_result" or not isinstance(block.get("tool_use_id"), str):
                        continue
                    key = block["tool_use_id"]
                    stamp = line.get("timestamp") or ""
                    if key not in results or stamp < results[key][0]:
                        results[key] = (stamp, line, block, path)
    # The subagent type of each agent id: its Task/Agent call's subagent_type, matched by the result.
    for key, (_, line, _, _) in results.items():
        extra = line.get("toolUseResult")
        if key in uses and isinstance(extra, dict) and isinstance(extra.get("agentId"), str):
            kind = uses[key][1].get("subagent_type")
            if isinstance(kind, str):
                agent_types[extra["agentId"]] = kind
    out = sys.stdout
    for key, (stamp, line, block, path) in sorted(results.items(), key=lambda item: (item[1][0], item[0])):
        if key not in uses:
            continue
        name, tool_input = uses[key]
        response = line.get("toolUseResult")
        if response is None:
            response = block.get("content")
        payload = {
            "session_id": line.get("sessionId") or "",
            "transcript_path": path,
            "cwd": line.get("cwd") or "",
            "hook_event_name": "PostToolUseFailure" if block.get("is_error") else "PostToolUse",
            "tool_name": name,
            "tool_input": tool_input,
            "tool_response": response,
            "tool_use_id": key,
        }
        if block.get("is_error"):
            payload["error"] = str(block.get("content"))[:200]
        agent = line.get("agentId")
        if isinstance(agent, str) and (line.get("isSidechain") or "/subagents/" in path):
            payload["agent_id"] = agent
            if agent in agent_types:
                payload["agent_type"] = agent_types[agent]
        text = json.dumps(payload, separators=(",", ":"), ensure_ascii=False)
        out.write((stamp + "\t" + text if with_time else text) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
