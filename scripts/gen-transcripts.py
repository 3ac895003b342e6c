#!/usr/bin/env python3
"""Writes a ~/.claude/projects tree of synthetic Claude Code transcripts for benchmarks.

Each session has prompts, replies with usage, a tool call and result, and an ai-title line, in the
shape of real transcripts (see ../shared/fixtures/transcripts). Deterministic for a given --seed.
"""
import argparse, json, os, random, uuid
from datetime import datetime, timedelta, timezone

WORDS = ("parser cache login redirect schema migration index token budget deploy retry timeout "
         "widget queue render socket hook ledger status report refactor test fixture config").split()

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sessions", type=int, default=2000)
    ap.add_argument("--projects", type=int, default=40)
    ap.add_argument("--days", type=int, default=180)
    ap.add_argument("--turns", type=int, default=8)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=12)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    end = datetime.now(timezone.utc).replace(microsecond=0)
    for n in range(a.sessions):
        project = f"app{n % a.projects}"
        cwd = f"/home/dev/{project}"
        folder = os.path.join(a.out, cwd.replace("/", "-"))
        os.makedirs(folder, exist_ok=True)
        sid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        t = end - timedelta(days=rng.uniform(0, a.days))
        lines = []
        def stamp():
            nonlocal t
            t += timedelta(seconds=rng.randint(2, 90))
            return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"
        base = dict(isSidechain=False, userType="external", cwd=cwd, sessionId=sid, version="2.1.90", gitBranch="main")
        for turn in range(a.turns):
            words = " ".join(rng.choice(WORDS) for _ in range(12))
            lines.append(dict(base, type="user", message=dict(role="user", content=f"Please look at the {words}"),
                              uuid=str(uuid.uuid4()), timestamp=stamp()))
            usage = dict(input_tokens=rng.randint(1, 50), output_tokens=rng.randint(50, 900),
                         cache_creation_input_tokens=rng.randint(0, 4000), cache_read_input_tokens=rng.randint(0, 90000))
            mid = "msg_" + uuid.UUID(int=rng.getrandbits(128)).hex[:24]
            lines.append(dict(base, type="assistant", requestId="req_" + mid[4:], uuid=str(uuid.uuid4()), timestamp=stamp(),
                              message=dict(id=mid, type="message", role="assistant", model="claude-sonnet-4-5-20250929",
                                           content=[dict(type="text", text=f"I changed the {words}.")], usage=usage)))
            lines.append(dict(base, type="assistant", uuid=str(uuid.uuid4()), timestamp=stamp(),
                              message=dict(id=mid, type="message", role="assistant", model="claude-sonnet-4-5-20250929",
                                           content=[dict(type="tool_use", id="toolu_" + mid[4:], name="Bash",
                                                         input=dict(command="ls -la " + rng.choice(WORDS)))], usage=usage)))
            lines.append(dict(base, type="user", uuid=str(uuid.uuid4()), timestamp=stamp(),
                              message=dict(role="user", content=[dict(type="tool_result", tool_use_id="toolu_" + mid[4:],
                                                                       content="total 0\n" * rng.randint(1, 40))])))
        lines.append(dict(type="ai-title", aiTitle=f"{rng.choice(WORDS).title()} {rng.choice(WORDS)} work", sessionId=sid))
        with open(os.path.join(folder, sid + ".jsonl"), "w") as f:
            for line in lines:
                f.write(json.dumps(line, separators=(",", ":")) + "\n")

main()
