import { afterEach, expect, test } from "bun:test";
import { ensureBinary } from "../../scripts/ensure-binary.ts";
import type { ScriptTurn } from "../../src/model/script.ts";
import { runNanocode } from "../support/run.ts";
import { type ScriptedServer, startScriptedServer } from "../support/scripted-server.ts";
import { tempDir } from "../support/tmp.ts";

// Processes a session started end with it, however they left the command's process group.
// Each sleeps a unique number of seconds (`sleep 300.<pid><n>`), so the check finds exactly these
// and never another suite's; whatever survives is killed at the end of the test.
const linux = process.platform === "linux";
let next = 0;
const tag = () => `300.${process.pid}${++next}`;

/** The pids whose command line is `sleep <t>`. */
function sleeping(tags: string[]): number[] {
  const out = Bun.spawnSync(["ps", "-eo", "pid=,args="]).stdout.toString();
  return out.split("\n").flatMap((line) => {
    const [pid, ...args] = line.trim().split(/\s+/);
    return args[0]?.endsWith("sleep") && tags.includes(args[1] ?? "") ? [Number(pid)] : [];
  });
}

let server: ScriptedServer | undefined;
let started: string[] = [];
afterEach(() => {
  server?.stop();
  for (const pid of sleeping(started)) process.kill(pid, "SIGKILL");
  started = [];
});

const bash = (command: string, extra: Record<string, unknown> = {}): ScriptTurn => [{ type: "tool_use", name: "Bash", input: { command, ...extra } }];

function serve(work: string, turns: ScriptTurn[]) {
  server = startScriptedServer({ workdir: work, home: work, turns: [...turns, [{ type: "text", text: "ok" }]] });
  return { ANTHROPIC_API_KEY: "sk-test", ANTHROPIC_BASE_URL: server.url };
}

const escapes: [string, (t: string) => string][] = [
  ["setsid in the background", (t) => `setsid sleep ${t} &`],
  ["nohup", (t) => `nohup sleep ${t} > /dev/null 2>&1 &`],
  ["a subshell's background job", (t) => `(sleep ${t} &)`],
  ["a double fork through setsid -f", (t) => `setsid -f sh -c 'setsid -f sleep ${t}'`],
  ["disown", (t) => `sleep ${t} & disown`],
  ["a setsid that drops nanocode's marker from its environment", (t) => `env -u NANOCODE_SESSION_PROCESSES setsid -f sleep ${t}`],
  ["a daemon started from a subshell that exits at once", (t) => `( ( exec setsid sleep ${t} < /dev/null > /dev/null 2>&1 & ) & ) ; sleep 0.2`],
];

test.skipIf(!linux)("after a print-mode run, nothing its Bash calls left running survives: setsid, nohup, subshells, double forks, disown", async () => {
  const work = tempDir();
  const tags = escapes.map(() => tag());
  started = tags;
  const env = serve(work, escapes.map(([, command], i) => bash(command(tags[i]!))));
  const { code, stdout } = await runNanocode(["-p", "go", "--dangerously-skip-permissions"], { cwd: work, env });
  expect([code, stdout]).toEqual([0, "ok\n"]);
  expect(escapes.filter((_, i) => sleeping([tags[i]!]).length > 0).map(([name]) => name)).toEqual([]);
});

test.skipIf(!linux)("a background task (run_in_background) ends with the session too, as in Claude Code", async () => {
  const work = tempDir();
  const t = tag();
  started = [t];
  const env = serve(work, [bash(`sleep ${t}`, { run_in_background: true })]);
  const { code } = await runNanocode(["-p", "go", "--dangerously-skip-permissions"], { cwd: work, env });
  expect(code).toBe(0);
  expect(sleeping([t])).toEqual([]);
});

for (const [signal, code] of [["SIGTERM", 143], ["SIGINT", 130], ["SIGHUP", 129]] as const) {
  test.skipIf(!linux)(`${signal} while a call runs: nanocode exits ${code} and what the call started escapes no more`, async () => {
    const work = tempDir();
    const [escaped, waiting] = [tag(), tag()];
    started = [escaped, waiting];
    const env = serve(work, [bash(`setsid -f sleep ${escaped}; sleep ${waiting}`)]);
    const proc = Bun.spawn([await ensureBinary(), "-p", "go", "--dangerously-skip-permissions"], { cwd: work, env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: work, ...env }, stdout: "pipe", stderr: "pipe" });
    try {
      for (let i = 0; i < 200 && sleeping([escaped, waiting]).length < 2; i++) await Bun.sleep(25);
      expect(sleeping([escaped, waiting])).toHaveLength(2);
      proc.kill(signal);
      expect(await proc.exited).toBe(code);
      expect(sleeping([escaped, waiting])).toEqual([]);
    } finally {
      proc.kill("SIGKILL");
    }
  });
}
