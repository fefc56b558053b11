import { afterAll, beforeAll, expect, test } from "bun:test";
import { appendFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { ensureBinary } from "../../scripts/ensure-binary.ts";
import { cwdSlug } from "../../src/config/paths.ts";
import { loadSession } from "../../src/session/load.ts";
import { runNanocode } from "../support/run.ts";
import { type ScriptedServer, startScriptedServer } from "../support/scripted-server.ts";
import { tempDir } from "../support/tmp.ts";

let bin: string;
let work: string;
let config: string;
let server: ScriptedServer;
const fifo = () => join(work, "started.fifo");

beforeAll(async () => {
  bin = await ensureBinary();
  work = tempDir("nanocode-work-");
  config = tempDir("nanocode-config-");
  Bun.spawnSync(["mkfifo", fifo()]);
  server = startScriptedServer({
    workdir: work,
    turns: [
      // The command tells the test its process group, then hangs: the test kills nanocode mid-call.
      [{ type: "tool_use", name: "Bash", input: { command: `echo $$ > ${fifo()}; sleep 30` } }],
      [{ type: "text", text: "resumed after: {{last_tool_result_first_line}}" }],
      [{ type: "text", text: "forked" }],
    ],
  });
});
afterAll(() => server.stop());

const env = () => ({ HOME: work, NANOCODE_CONFIG_DIR: config, ANTHROPIC_API_KEY: "sk-test", ANTHROPIC_BASE_URL: server.url });
const sessionsDir = () => join(config, "projects", cwdSlug(work));
const sessionFiles = () => readdirSync(sessionsDir()).filter((f) => f.endsWith(".jsonl")).sort();

test("a session killed with SIGKILL mid-tool resumes cleanly with --continue", async () => {
  const proc = Bun.spawn([bin, "-p", "start the long job", "--dangerously-skip-permissions"], { cwd: work, env: { PATH: process.env.PATH!, ...env() }, stdio: ["ignore", "pipe", "pipe"] });
  const group = Number((await new Response(Bun.spawn(["cat", fifo()], { stdout: "pipe" }).stdout).text()).trim());
  proc.kill("SIGKILL");
  await proc.exited;
  process.kill(-group, "SIGKILL");

  const files = sessionFiles();
  expect(files).toHaveLength(1);
  const id = files[0]!.replace(/\.jsonl$/, "");
  // As if the crash had also cut a line in half.
  appendFileSync(join(sessionsDir(), files[0]!), '{"type":"assistant","message":{"ro');

  const resumed = await runNanocode(["-p", "carry on", "-c", "--output-format", "json"], { cwd: work, env: env() });
  expect(resumed.code).toBe(0);
  const lines = resumed.stderr.trim().split("\n");
  expect(lines).toHaveLength(2);
  expect(lines[0]).toContain("skipped the last line, cut short");
  expect(lines[1]).toContain("1 tool call had no result");
  const result = JSON.parse(resumed.stdout);
  expect(result.session_id).toBe(id);
  expect(result.result).toStartWith("resumed after: <tool_use_error>The session ended");

  const sent = server.requests.at(-1)!.body.messages;
  expect(sent.map((m) => m.role)).toEqual(["user", "assistant", "user", "user"]);
  const call = (sent[1]!.content as { type: string; id: string }[]).find((b) => b.type === "tool_use")!;
  expect(JSON.stringify(sent[2]!.content)).toContain(`"tool_use_id":"${call.id}"`);

  const reloaded = await loadSession(join(sessionsDir(), files[0]!));
  expect(reloaded.problems).toEqual([]);
  expect(reloaded.messages).toHaveLength(5);
  expect(reloaded.cost.totalUSD).toBeGreaterThan(0);
}, 30_000);

test("Ctrl+C (SIGINT) mid-tool leaves a transcript where every call has its result, which resumes cleanly", async () => {
  const dir = tempDir("nanocode-work-");
  const pipe = join(dir, "started.fifo");
  Bun.spawnSync(["mkfifo", pipe]);
  const local = startScriptedServer({
    workdir: dir,
    turns: [[{ type: "tool_use", name: "Bash", input: { command: `echo $$ > ${pipe}; sleep 30` } }], [{ type: "text", text: "picked up again" }]],
  });
  const localEnv = { ...env(), ANTHROPIC_BASE_URL: local.url };
  const proc = Bun.spawn([bin, "-p", "long job", "--dangerously-skip-permissions"], { cwd: dir, env: { PATH: process.env.PATH!, ...localEnv }, stdio: ["ignore", "pipe", "pipe"] });
  await new Response(Bun.spawn(["cat", pipe], { stdout: "pipe" }).stdout).text();
  proc.kill("SIGINT");
  await proc.exited;

  const folder = join(config, "projects", cwdSlug(dir));
  const file = join(folder, readdirSync(folder).find((f) => f.endsWith(".jsonl"))!);
  const loaded = await loadSession(file);
  expect(loaded.problems).toEqual([]);
  expect(loaded.messages.map((m) => m.role)).toEqual(["user", "assistant", "user"]);
  expect(JSON.stringify(loaded.messages[2]!.content)).toContain("Interrupted");

  const resumed = await runNanocode(["-p", "go on", "-c"], { cwd: dir, env: localEnv });
  local.stop();
  expect(resumed.stderr).toBe("");
  expect(resumed.stdout).toBe("picked up again\n");
});

test("--fork-session continues under a new id; --no-session-persistence writes nothing", async () => {
  const before = sessionFiles();
  const id = before[0]!.replace(/\.jsonl$/, "");
  const forked = await runNanocode(["-p", "again", "--resume", id, "--fork-session", "--output-format", "json"], { cwd: work, env: env() });
  expect(forked.code).toBe(0);
  const forkId = JSON.parse(forked.stdout).session_id;
  expect(forkId).not.toBe(id);
  expect(sessionFiles()).toEqual([...before, `${forkId}.jsonl`].sort());

  const fresh = tempDir("nanocode-work-");
  const plain = startScriptedServer({ turns: [[{ type: "text", text: "hi" }]] });
  const quiet = await runNanocode(["-p", "hello", "--no-session-persistence"], { cwd: fresh, env: { ...env(), ANTHROPIC_BASE_URL: plain.url } });
  plain.stop();
  expect(quiet.stdout).toBe("hi\n");
  expect(quiet.stderr).toBe("");
  expect(readdirSync(join(config, "projects"))).not.toContain(cwdSlug(fresh));
});

test("--resume of an unknown id, a bare --resume in print mode and --fork-session alone are one clear line", async () => {
  const unknown = await runNanocode(["-p", "x", "--resume", "no-such-session"], { cwd: work, env: env() });
  expect(unknown.code).toBe(1);
  expect(unknown.stderr).toStartWith("Error: no session 'no-such-session' found");
  const bare = await runNanocode(["--resume", "-p", "x"], { cwd: work, env: env() });
  expect(bare.code).toBe(1);
  expect(bare.stderr).toStartWith("Error: --resume needs a session id when nobody can pick one (print mode");
  const fork = await runNanocode(["-p", "x", "--fork-session"], { cwd: work, env: env() });
  expect(fork.stderr).toBe("Error: option '--fork-session' needs --resume or --continue\n");
});

test("--session-id names the new session, or the fork; an id in use, or not a UUID, is one clear line; a session resumed elsewhere says where it began", async () => {
  const dir = tempDir("nanocode-work-");
  const answering = startScriptedServer({ reply: () => [{ type: "text", text: "ok" }] });
  const run = (...args: string[]) => runNanocode(["-p", "hi", ...args], { cwd: dir, env: { ...env(), ANTHROPIC_BASE_URL: answering.url } });
  const id = crypto.randomUUID();
  expect(JSON.parse((await run("--session-id", id, "--output-format", "json")).stdout).session_id).toBe(id);
  expect((await run("--session-id", id)).stderr).toStartWith(`Error: session id ${id} is already in use`);
  expect((await run("--session-id", "abc")).stderr).toBe("Error: option '--session-id' must be a UUID (got 'abc')\n");
  expect((await run("-c", "--session-id", crypto.randomUUID())).stderr).toBe("Error: option '--session-id' with --resume or --continue needs --fork-session\n");
  const forkId = crypto.randomUUID();
  expect(JSON.parse((await run("-c", "--fork-session", "--session-id", forkId, "--output-format", "json")).stdout).session_id).toBe(forkId);
  // Resumed from another directory, the session goes on there, and says so.
  const other = tempDir("nanocode-work-");
  const elsewhere = await runNanocode(["-p", "hi", "--resume", id], { cwd: other, env: { ...env(), ANTHROPIC_BASE_URL: answering.url } });
  expect(elsewhere.stdout).toBe("ok\n");
  expect(elsewhere.stderr).toBe(`nanocode: session ${id} was started in ${dir}; it goes on here, in ${other}\n`);
  answering.stop();
});

test("--max-budget-usd stops cleanly before the next request once the run has cost that much", async () => {
  const dir = tempDir("nanocode-work-");
  // No caching here, so every request costs the full input price.
  const looping = startScriptedServer({ workdir: dir, minCacheTokens: Number.POSITIVE_INFINITY, reply: () => [{ type: "tool_use", name: "Bash", input: { command: "echo again" } }] });
  const { stdout, code } = await runNanocode(["-p", "loop", "--dangerously-skip-permissions", "--max-budget-usd", "0.01", "--output-format", "json"], {
    cwd: dir,
    env: { ...env(), ANTHROPIC_BASE_URL: looping.url },
  });
  looping.stop();
  expect(code).toBe(1);
  const result = JSON.parse(stdout);
  expect(result).toMatchObject({ subtype: "error_max_budget_usd", is_error: true, terminal_reason: "budget" });
  expect(result.errors[0]).toContain("maximum budget ($0.01)");
  expect(result.total_cost_usd).toBeGreaterThanOrEqual(0.01);
  expect(looping.requests.length).toBeLessThan(10);
  expect(result.num_turns).toBe(looping.requests.length);
});
