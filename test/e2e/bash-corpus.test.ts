// Every corpus command issued as a Bash tool call through the compiled binary in print mode, with
// no permission flags: the yes-list runs without a prompt, the no-list never runs (its side
// effects would show in a folder of canary files) and each is listed in permission_denials.

import { afterAll, beforeAll, expect, test } from "bun:test";
import { createHash } from "node:crypto";
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { ToolResultBlock } from "../../src/model/messages.ts";
import type { ScriptTurn } from "../../src/model/script.ts";
import { corpus } from "../support/corpus.ts";
import { runNanocode } from "../support/run.ts";
import { type ScriptedServer, startScriptedServer } from "../support/scripted-server.ts";
import { tempDir } from "../support/tmp.ts";

const git = (cwd: string, ...args: string[]) => Bun.spawnSync(["git", "-c", "user.name=t", "-c", "user.email=t@t", ...args], { cwd });

/** A small project with every file the corpus commands name, in a git repo with two commits. */
function project(): string {
  const dir = tempDir("nanocode-corpus-");
  const files: Record<string, string> = {
    "README.md": "# demo\n",
    "src/cli.ts": 'import x from "y";\n// TODO: more\n',
    "src/a.ts": "export const a = 1;\n",
    "package.json": '{"name":"demo","scripts":{"test":"bun test"}}\n',
    "log.txt": "line\n",
    "file.txt": "foo\nbar\n",
    "names.txt": "b\na\n",
    "counts.txt": "a\na\nb\n",
    "data.csv": "x,1\ny,2\n",
    "a.txt": "a\n",
    "b.txt": "b\n",
    "a": "A\n",
    "b": "B\n",
    "x": "X\n",
    "list.txt": "x\n",
    "script.sh": "echo hi\n",
    "scripts/clean.sh": "rm -rf build\n",
    "build/out.js": "built\n",
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  chmodSync(join(dir, "script.sh"), 0o644);
  git(dir, "init", "-q", "-b", "main");
  git(dir, "add", "-A");
  git(dir, "commit", "-qm", "one");
  writeFileSync(join(dir, "src/cli.ts"), 'import x from "y";\n// TODO: more\nexport {};\n');
  git(dir, "commit", "-qam", "two");
  return dir;
}

/** Every file under `dir` (git's own included) with its mode and a hash of its content. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      const stat = statSync(path);
      if (stat.isDirectory()) walk(path);
      else out[relative(dir, path)] = `${stat.mode.toString(8)} ${createHash("sha1").update(readFileSync(path)).digest("hex")}`;
    }
  };
  walk(dir);
  return out;
}

const home = tempDir("nanocode-home-");
let server: ScriptedServer | undefined;
afterAll(() => server?.stop());

/** One print-mode session that issues each command as a Bash call; returns the results in order. */
async function runAll(commands: string[], cwd: string) {
  const turns: ScriptTurn[] = [...commands.map((command) => [{ type: "tool_use" as const, name: "Bash", input: { command } }]), [{ type: "text", text: "finished" }]];
  server?.stop();
  server = startScriptedServer({ turns, workdir: cwd, home });
  const run = await runNanocode(["-p", "run the commands", "--output-format", "json"], { cwd, env: { HOME: home, ANTHROPIC_API_KEY: "sk-test", ANTHROPIC_BASE_URL: server.url }, timeoutMs: 120_000 });
  expect(run.stderr).toBe("");
  const result = JSON.parse(run.stdout);
  const last = server.requests.at(-1)!.body.messages;
  const results = last.flatMap((m) => (m.role === "user" && Array.isArray(m.content) ? m.content.filter((b): b is ToolResultBlock => b.type === "tool_result") : []));
  expect(results).toHaveLength(commands.length);
  return { result, results: results.map((r) => (typeof r.content === "string" ? r.content : JSON.stringify(r.content))) };
}

let yesDir: string;
let noDir: string;
beforeAll(() => {
  yesDir = project();
  noDir = project();
});

test("the yes-list runs without a prompt, in print mode with no permission flags", async () => {
  const commands = corpus("bash-readonly-yes.txt");
  const { result, results } = await runAll(commands, yesDir);
  expect(result.permission_denials).toEqual([]);
  const refused = commands.filter((_, i) => results[i]!.includes("Permission to run"));
  expect(refused).toEqual([]);
  // They really ran: a few results only the real programs produce.
  expect(results[commands.indexOf("cat README.md")]).toBe("# demo");
  expect(results[commands.indexOf("git rev-parse --show-toplevel")]).toBe(yesDir);
  expect(results[commands.indexOf("jq .name package.json")]).toBe('"demo"');
  expect(results[commands.indexOf("grep -c import src/cli.ts && echo done")]).toBe("1\ndone");
}, 120_000);

test("the no-list never runs: every call is denied, listed, and nothing in the folder changes", async () => {
  const commands = corpus("bash-readonly-no.txt");
  const before = snapshot(noDir);
  const { result, results } = await runAll(commands, noDir);
  expect(snapshot(noDir)).toEqual(before);
  const ran = commands.filter((_, i) => !results[i]!.startsWith("Permission to run"));
  expect(ran).toEqual([]);
  expect(result.permission_denials.map((d: { tool_input: { command: string } }) => d.tool_input.command)).toEqual(commands);
  expect(result.result).toBe("finished");
}, 120_000);

test("a Read deny rule hides the path from Read, Grep, Glob and read-only shell commands alike", async () => {
  const dir = project();
  mkdirSync(join(dir, "secrets"));
  writeFileSync(join(dir, "secrets/key.txt"), "SECRET_VALUE\n");
  writeFileSync(join(dir, "public.txt"), "SECRET_VALUE is not here\n");
  mkdirSync(join(dir, ".nanocode"));
  writeFileSync(join(dir, ".nanocode/settings.json"), JSON.stringify({ permissions: { deny: ["Read(./secrets/**)"] } }));
  const calls: ScriptTurn[] = [
    [{ type: "tool_use", name: "Read", input: { file_path: "$WORKDIR/secrets/key.txt" } }],
    [{ type: "tool_use", name: "Grep", input: { pattern: "SECRET_VALUE", output_mode: "content" } }],
    [{ type: "tool_use", name: "Glob", input: { pattern: "**/*.txt" } }],
    [{ type: "tool_use", name: "Bash", input: { command: "grep -r SECRET_VALUE ." } }],
    [{ type: "tool_use", name: "Bash", input: { command: "cat secrets/key.txt" } }],
    [{ type: "text", text: "finished" }],
  ];
  server?.stop();
  server = startScriptedServer({ turns: calls, workdir: dir, home });
  const run = await runNanocode(["-p", "look", "--output-format", "json"], { cwd: dir, env: { HOME: home, ANTHROPIC_API_KEY: "sk-test", ANTHROPIC_BASE_URL: server.url } });
  const texts = server.requests.at(-1)!.body.messages.flatMap((m) => (m.role === "user" && Array.isArray(m.content) ? m.content.filter((b): b is ToolResultBlock => b.type === "tool_result") : [])).map((r) => String(r.content));
  expect(texts[0]).toContain("denied");
  expect(texts[1]).toContain("public.txt");
  expect(texts[2]).toContain("public.txt");
  expect(texts[2]).not.toContain("secrets");
  expect(texts[3]).toStartWith("Permission to run");
  expect(texts[4]).toContain("a deny rule hides");
  // The secret's line never reaches the model: not as Read output, a Grep match or shell output.
  expect(texts.join("\n")).not.toMatch(/key\.txt:|^(\d+\t)?SECRET_VALUE$/m);
  expect(JSON.parse(run.stdout).permission_denials).toHaveLength(3);
});
