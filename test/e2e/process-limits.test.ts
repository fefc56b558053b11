import { afterEach, expect, test } from "bun:test";
import { chmodSync } from "node:fs";
import { join } from "node:path";
import { ensureBinary } from "../../scripts/ensure-binary.ts";
import type { ToolResultBlock } from "../../src/model/messages.ts";
import type { ScriptTurn } from "../../src/model/script.ts";
import { type ScriptedServer, startScriptedServer } from "../support/scripted-server.ts";
import { tempDir } from "../support/tmp.ts";

// A command that uses up every process the user may have (a fork bomb under a pids limit) makes
// the calls after it fail with one clear error; nanocode itself goes on and exits normally.
// Safe for the machine: the binary runs as a user id of its own with a low RLIMIT_NPROC (so the
// bomb cannot grow past it), every child sleeps a bounded time, and each test kills every process
// of that user id before it ends. The ids come from this process's pid: suites that other people
// run at the same time use other ids.
const usable = process.platform === "linux" && process.getuid?.() === 0 && ["setpriv", "prlimit", "perl"].every((p) => Bun.which(p) !== null);
// One id per test: the zombies a test's processes leave (reaped a few seconds later) still count
// against its user's limit.
const uids = 62_000 + (process.pid % 1000) * 8;
let UID = uids;
const NPROC = 40;

/**
 * Fills every free process slot of the user and keeps them filled for 15 s (a bounded fork bomb);
 * returns once a fork has failed (the shell waits with builtins only: it cannot fork any more).
 */
const FILL = `rm -f full; perl -e '$end = time + 15; while (time < $end) { $p = fork; if (defined $p) { if (!$p) { sleep 15; exit } } else { open(my $f, ">", "full") unless -e "full"; select(undef, undef, undef, 0.001) } }' & for ((i = 0; i < 5000000; i++)); do [[ -e full ]] && break; done; echo filled`;

/** Kills every live process of `uid` (zombies are dead already: whoever reaps them frees their slots). */
function killUser(uid: number): void {
  for (let round = 0; round < 200; round++) {
    const live = Bun.spawnSync(["ps", "-U", String(uid), "-o", "pid=,stat="]).stdout.toString().trim().split("\n").filter((line) => line && !/\sZ/.test(line));
    if (live.length === 0) return;
    Bun.spawnSync(["pkill", "-KILL", "-U", String(uid)]);
  }
  throw new Error(`processes of uid ${uid} survived 200 kill rounds`);
}

let server: ScriptedServer | undefined;
afterEach(() => {
  server?.stop();
  killUser(UID);
});

/** One print-mode session as the limited user: these turns, then a final answer. */
async function limitedSession(turns: ScriptTurn[]) {
  UID++;
  const [work, home, tmp] = [tempDir(), tempDir(), tempDir()];
  for (const dir of [work, home, tmp]) chmodSync(dir, 0o777);
  server = startScriptedServer({ workdir: work, home, turns: [...turns, [{ type: "text", text: "still here" }]] });
  const argv = ["prlimit", `--nproc=${NPROC}`, "setpriv", `--reuid=${UID}`, `--regid=${UID}`, "--clear-groups", await ensureBinary(), "-p", "go", "--dangerously-skip-permissions"];
  const proc = Bun.spawn(argv, { cwd: work, env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: home, TMPDIR: tmp, ANTHROPIC_API_KEY: "sk-test", ANTHROPIC_BASE_URL: server.url }, stdout: "pipe", stderr: "pipe" });
  const timer = setTimeout(() => proc.kill("SIGKILL"), 25_000);
  const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  clearTimeout(timer);
  const results = (server.requests.at(-1)?.body.messages ?? []).flatMap((m) => (m.role === "user" && Array.isArray(m.content) ? m.content.filter((b): b is ToolResultBlock => b.type === "tool_result") : []));
  return { code, stdout, stderr, work, results: results.map((r) => ({ text: typeof r.content === "string" ? r.content : JSON.stringify(r.content), error: r.is_error === true })) };
}

const bash = (command: string, extra: Record<string, unknown> = {}): ScriptTurn => [{ type: "tool_use", name: "Bash", input: { command, ...extra } }];

test.skipIf(!usable)("with every process slot taken: Bash, a background Bash and Grep say they could not start; the session goes on and exits 0", async () => {
  const calls: ScriptTurn[] = [bash("echo after"), bash("echo bg", { run_in_background: true }), [{ type: "tool_use", name: "Grep", input: { pattern: "x" } }], bash("echo again")];
  const { code, stdout, results } = await limitedSession([bash(FILL), ...calls, [{ type: "tool_use", name: "Write", input: { file_path: "notes.txt", content: "kept\n" } }]]);
  expect([code, stdout]).toEqual([0, "still here\n"]);
  expect(results[0]).toEqual({ text: "filled", error: false });
  // The bomb refills a freed slot within a millisecond; should a call win one, it simply ran.
  const ranOr = (output: RegExp) => ({ text: expect.stringMatching(new RegExp(`^(${output.source}|<tool_use_error>could not start \\S+: too many processes are running \\(EAGAIN: a process limit is reached\\)</tool_use_error>)$`)), error: expect.any(Boolean) });
  expect(results.slice(1, 5)).toEqual([ranOr(/after/), ranOr(/Command running in background.*/), ranOr(/[^]*/), ranOr(/again/)]);
  expect(results.slice(1, 5).filter((r) => r.text.includes("could not start")).length).toBeGreaterThanOrEqual(2);
  // Writing needs no process.
  expect(results[5]).toEqual({ text: expect.stringContaining("created successfully"), error: false });
});

test.skipIf(!usable)("a classic fork bomb that times out: the next call still gets an answer and nanocode exits 0", async () => {
  const { code, stdout, results } = await limitedSession([bash(":(){ :|:& };:; sleep 3", { timeout: 2000 }), bash("echo after")]);
  expect([code, stdout]).toEqual([0, "still here\n"]);
  expect(results).toHaveLength(2);
  // Either the bomb was killed with its call (and the shell started) or its survivors hold every slot.
  expect(results[1]!.text).toMatch(/^after$|could not start/);
});
