// Spawns hook commands the way Claude Code does (payload written to a stdin pipe, stdout and stderr
// captured) and prints each command's median wall time per call, from spawn to close, as JSON.
//
// Usage: node scripts/hook-harness.mjs RUNS PAYLOAD NAME=COMMAND...
// COMMAND is an executable path spawned directly (exec form), or `sh:TEXT` to run TEXT through
// `/bin/sh -c` (shell form). The commands take turns call by call, so a load change on the machine
// hits them all alike.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";

const [runsText, payloadPath, ...specs] = process.argv.slice(2);
const runs = Number(runsText);
const payload = readFileSync(payloadPath);
const commands = specs.map((spec) => {
  const at = spec.indexOf("=");
  const name = spec.slice(0, at);
  const text = spec.slice(at + 1);
  return text.startsWith("sh:")
    ? { name, file: "/bin/sh", args: ["-c", text.slice(3)] }
    : { name, file: text, args: [] };
});

function call(command) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(command.file, command.args, { stdio: ["pipe", "pipe", "pipe"] });
    child.stdout.resume();
    child.stderr.resume();
    child.stdin.on("error", () => {});
    child.on("error", reject);
    child.on("close", (code) => {
      const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
      code === 0 ? resolve(elapsed) : reject(new Error(`${command.name} exited ${code}`));
    });
    child.stdin.end(payload);
  });
}

const times = commands.map(() => []);
for (let warm = 0; warm < 5; warm++) for (const command of commands) await call(command);
for (let run = 0; run < runs; run++) {
  for (let index = 0; index < commands.length; index++) times[index].push(await call(commands[index]));
}
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
console.log(JSON.stringify(Object.fromEntries(commands.map((c, i) => [c.name, median(times[i])]))));
