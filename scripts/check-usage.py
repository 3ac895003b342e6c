#!/usr/bin/env python3
"""Independent reader of Claude Code transcripts: the rules of docs/usage-format.md, written apart
from the Swift code, for the end-to-end check that `sync` then `report --range all --json` gives
exactly these token counts per day (UTC), session and model.

usage: check-usage.py TRANSCRIPTS_DIR   prints {"by_day": {...}, "by_session": {...}, "by_model": {...}}
"""
import json
import os
import sys

KINDS = ("input", "output", "cache_write_5m", "cache_write_1h", "cache_read")


def requests(path):
    """Yields (record, order) for each request line of one transcript, per the rules."""
    with open(path, "rb") as handle:
        data = handle.read()
    lines = data.split(b"\n")
    for number, raw in enumerate(lines):
        last = number == len(lines) - 1
        if b'"usage":' not in raw:
            continue
        decoder = json.JSONDecoder()
        text = raw.decode("utf-8", "surrogatepass")
        position = 0
        objects = []
        try:
            while position < len(text.strip()):
                while position < len(text) and text[position] in " \t\r":
                    position += 1
                if position >= len(text):
                    break
                value, position = decoder.raw_decode(text, position)
                objects.append(value)
        except ValueError:
            if last:
                continue  # half-written last line: not taken
            # Objects before the bad one still count, as in the Swift reader.
        for value in objects:
            record = request(value)
            if record is not None:
                yield record


def request(line):
    if not isinstance(line, dict):
        return None
    side = bool(line.get("isSidechain"))
    agent = line.get("agentId")
    envelope = line
    if line.get("type") == "progress":
        data = line.get("data")
        nested = data.get("message") if isinstance(data, dict) else None
        if not isinstance(nested, dict):
            return None
        envelope = dict(nested)
        for key in ("sessionId", "cwd", "timestamp"):
            envelope.setdefault(key, line.get(key))
        side = True
        agent = nested.get("agentId") or data.get("agentId")
    if envelope.get("type") != "assistant":
        return None
    message = envelope.get("message")
    if not isinstance(message, dict) or not isinstance(message.get("usage"), dict):
        return None
    usage = message["usage"]
    model = message.get("model")
    if model == "<synthetic>":
        return None
    if not model or not envelope.get("sessionId") or not envelope.get("timestamp"):
        return None

    def count(key):
        value = usage.get(key) or 0
        return value if isinstance(value, int) else 0

    total_write = count("cache_creation_input_tokens")
    split = usage.get("cache_creation")
    if isinstance(split, dict):
        w1h = split.get("ephemeral_1h_input_tokens") or 0
        w5m = split.get("ephemeral_5m_input_tokens") or 0
        if w5m + w1h < total_write:
            w5m = total_write - w1h
    else:
        w5m, w1h = total_write, 0
    tokens = (count("input_tokens"), count("output_tokens"), w5m, w1h, count("cache_read_input_tokens"))
    return {
        "session": envelope["sessionId"], "cwd": envelope.get("cwd") or "", "model": model,
        "timestamp": envelope["timestamp"], "message_id": message.get("id"),
        "request_id": envelope.get("requestId"), "sidechain": side, "tokens": tokens,
    }


def key(record):
    mid, rid = record["message_id"], record["request_id"]
    if not mid:
        if rid:
            return ("r", rid)
        return ("n", record["session"], record["timestamp"], record["model"]) + record["tokens"]
    if mid.startswith(("msg_01", "msg_vrtx_", "msg_bdrk_")):
        return ("m", mid)
    if rid:
        return ("p", mid, rid)
    return ("s", record["session"], mid)


def better(candidate, kept):
    a, b = sum(candidate["tokens"]), sum(kept["tokens"])
    if a != b:
        return a > b
    if candidate["sidechain"] != kept["sidechain"]:
        return not candidate["sidechain"]
    return candidate["timestamp"] < kept["timestamp"]  # ISO 8601 in UTC compares as text


def main():
    root = sys.argv[1]
    files = []
    for directory, _, names in os.walk(root):
        files += [os.path.join(directory, name) for name in names if name.endswith(".jsonl")]
    kept = {}
    for path in sorted(files):
        for record in requests(path):
            k = key(record)
            if k not in kept or better(record, kept[k]):
                kept[k] = record
    result = {"by_day": {}, "by_session": {}, "by_model": {}}
    for record in kept.values():
        for group, name in (("by_day", record["timestamp"][:10]), ("by_session", record["session"]),
                            ("by_model", record["model"])):
            totals = result[group].setdefault(name, dict(requests=0, **{kind: 0 for kind in KINDS}))
            totals["requests"] += 1
            for kind, value in zip(KINDS, record["tokens"]):
                totals[kind] += value
    json.dump(result, sys.stdout, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
