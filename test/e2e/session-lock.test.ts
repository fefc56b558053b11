import { afterEach, expect, test } from "bun:test";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { cwdSlug } from "../../src/config/paths.ts";
import type { ScriptTurn } from "../../src/model/script.ts";
import { loadSession } from "../../src/session/load.ts";
import { runNanocode } from "../support/run.ts";
import { type Reply, type ScriptedServer, startScriptedServer } from "../support/scripted-server.ts";
import { tempDir } from "../support/tmp.ts";
import { expectValidTranscript } from "../support/transcript.ts";

// One writer per session file: a second nanocode resuming a session that is open elsewhere goes on
// as a fork of it, so both transcripts stay well formed (calls right before their results).

const turns: ScriptTurn[] = [
  [{ type: "text", text: "started" }],
  [{ type: "tool_use", name: "Bash", input: { command: "echo a" } }],
  [{ type: "tool_use", name: "Bash", input: { command: "echo b" } }],
  [{ type: "text", text: "done" }],
];

let servers: ScriptedServer[] = [];
afterEach(() => {
  for (const server of servers) server.stop();
  servers = [];
});

/** A folder with one finished session in it, and a server that answers resumed turns after `delayMs`. */
async function setup(delayMs = 0) {
  const work = tempDir();
  const config = tempDir();
  const server = startScriptedServer({ workdir: work, home: work, reply: (request) => {
    const turn = turns[request.body.messages.filter((m) => m.role === "assistant").length]!;
    return { turn, delayMs } satisfies Reply;
  } });
  servers.push(server);
  const env = { HOME: work, NANOCODE_CONFIG_DIR: config, ANTHROPIC_API_KEY: "sk-test", ANTHROPIC_BASE_URL: server.url };
  const run = (...args: string[]) => runNanocode(["-p", "go", "--dangerously-skip-permissions", "--output-format", "json", ...args], { cwd: work, env });
  const first = await runNanocode(["-p", "start", "--output-format", "json"], { cwd: work, env });
  const id: string = JSON.parse(first.stdout).session_id;
  const dir = join(config, "projects", cwdSlug(work));
  return { work, dir, id, run, path: join(dir, `${id}.jsonl`) };
}

/** The session files and locks (each session's folder of tool results aside). */
const files = (dir: string) => readdirSync(dir).filter((name) => name.includes(".jsonl")).sort();

async function expectWellFormed(path: string) {
  const loaded = await loadSession(path);
  expect(loaded.problems).toEqual([]);
  expect(loaded.repairs).toEqual([]);
  expectValidTranscript(loaded.messages);
  return loaded;
}

test("two processes resuming the same session at once: one goes on in it, the other forks with one line saying so; both load well formed", async () => {
  const { dir, id, run, path } = await setup(300);
  const [a, b] = await Promise.all([run("--resume", id), run("--resume", id)]);
  expect([a.code, b.code]).toEqual([0, 0]);
  const forked = [a, b].filter((r) => r.stderr.includes("is open in another nanocode"));
  expect(forked).toHaveLength(1);
  const forkId: string = JSON.parse(forked[0]!.stdout).session_id;
  expect(forked[0]!.stderr).toMatch(new RegExp(`^nanocode: session ${id} is open in another nanocode \\(pid \\d+\\): this one goes on as session ${forkId}, a fork of it\\n$`));
  expect(files(dir)).toEqual([`${id}.jsonl`, `${forkId}.jsonl`].sort());
  const original = await expectWellFormed(path);
  const fork = await expectWellFormed(join(dir, `${forkId}.jsonl`));
  expect(fork.header?.forkedFrom).toBe(id);
  // The original holds the first run and one whole resumed run: prompt, two calls with results, answer.
  const whole: ("user" | "assistant")[] = ["user", "assistant", "user", "assistant", "user", "assistant", "user", "assistant"];
  expect(original.messages.map((m) => m.role)).toEqual(whole);
  // The fork starts from the original as it was when it forked (with whatever the holder had
  // written by then, its calls in flight marked interrupted) and then holds its own whole run.
  expect(fork.messages.slice(0, 2)).toEqual(original.messages.slice(0, 2));
  expect(fork.messages.slice(-6).map((m) => m.role)).toEqual(whole.slice(-6));
});

test("three at once: one resumes, two fork, every file well formed and no lock left behind", async () => {
  const { dir, id, run } = await setup(300);
  const runs = await Promise.all([run("-r", id), run("-r", id), run("-r", id)]);
  expect(runs.map((r) => r.code)).toEqual([0, 0, 0]);
  expect(runs.filter((r) => r.stderr.includes("is open in another nanocode"))).toHaveLength(2);
  const sessions = files(dir);
  expect(sessions.filter((f) => f.endsWith(".jsonl"))).toHaveLength(3);
  expect(sessions.filter((f) => !f.endsWith(".jsonl"))).toEqual([]);
  for (const file of sessions) await expectWellFormed(join(dir, file));
});

test("--continue while a new session of the folder is still running forks it", async () => {
  const { dir, run } = await setup(800);
  const busy = run("-p", "new one");
  // The running session's file appears with its first line; --continue then picks it.
  for (let i = 0; i < 200 && files(dir).filter((f) => f.endsWith(".jsonl")).length < 2; i++) await Bun.sleep(20);
  const second = await run("--continue");
  const first = await busy;
  expect([first.code, second.code]).toEqual([0, 0]);
  expect(second.stderr).toContain(`is open in another nanocode (pid `);
  for (const file of files(dir)) await expectWellFormed(join(dir, file));
});

test("a lock left by a process that died is taken over: the session resumes in place", async () => {
  const { dir, id, run, path } = await setup();
  writeFileSync(`${path}.lock`, JSON.stringify({ pid: 2 ** 22 + 1, host: hostname() }));
  const resumed = await run("--resume", id);
  expect([resumed.code, resumed.stderr]).toEqual([0, ""]);
  expect(JSON.parse(resumed.stdout).session_id).toBe(id);
  expect(files(dir)).toEqual([`${id}.jsonl`]);
  await expectWellFormed(path);
});

test("a lock that is not one (garbage) is taken over too", async () => {
  const { id, run, path } = await setup();
  writeFileSync(`${path}.lock`, "not json");
  const resumed = await run("--resume", id);
  expect([resumed.code, resumed.stderr, JSON.parse(resumed.stdout).session_id]).toEqual([0, "", id]);
});

test("a lock held on another host cannot be checked: the session forks, naming that host", async () => {
  const { id, run, path } = await setup();
  writeFileSync(`${path}.lock`, JSON.stringify({ pid: 1, host: "elsewhere.example" }));
  const resumed = await run("--resume", id);
  expect(resumed.code).toBe(0);
  expect(resumed.stderr).toContain(`session ${id} is open in another nanocode (pid 1 on elsewhere.example)`);
  expect(JSON.parse(resumed.stdout).session_id).not.toBe(id);
});

test("--fork-session of a session open elsewhere forks as asked, without the line; --no-session-persistence writes nothing", async () => {
  const { dir, id, run, path } = await setup();
  writeFileSync(`${path}.lock`, JSON.stringify({ pid: process.pid, host: hostname() }));
  const forked = await run("--resume", id, "--fork-session");
  expect([forked.code, forked.stderr]).toEqual([0, ""]);
  const before = files(dir);
  const unsaved = await run("--resume", id, "--no-session-persistence");
  expect([unsaved.code, unsaved.stderr]).toEqual([0, ""]);
  expect(files(dir)).toEqual(before);
  expect(existsSync(`${path}.lock`)).toBe(true);
});
