// Bash tool calls through the compiled binary in print mode: a small project in a git repository,
// a fingerprint of every file in it (to prove a command never ran), and one session that issues
// each command as a Bash call.
import { expect } from "bun:test";
import { createHash } from "node:crypto";
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { ToolResultBlock } from "../../src/model/messages.ts";
import type { ScriptTurn } from "../../src/model/script.ts";
import { runNanocode } from "./run.ts";
import { type ScriptedServer, startScriptedServer } from "./scripted-server.ts";
import { tempDir } from "./tmp.ts";

export const git = (cwd: string, ...args: string[]) => Bun.spawnSync(["git", "-c", "user.name=t", "-c", "user.email=t@t", ...args], { cwd });

/** The files of the corpus project: every file the corpus commands name. */
export const PROJECT_FILES: Record<string, string> = {
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

/** A small project with every file the corpus commands name, in a git repo with two commits. */
export function shellProject(): string {
  const dir = tempDir("nanocode-corpus-");
  for (const [path, text] of Object.entries(PROJECT_FILES)) {
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
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      const stat = statSync(path, { throwIfNoEntry: false });
      if (!stat) out[relative(dir, path)] = "dangling";
      else if (stat.isDirectory()) walk(path);
      else out[relative(dir, path)] = `${stat.mode.toString(8)} ${createHash("sha1").update(readFileSync(path)).digest("hex")}`;
    }
  };
  walk(dir);
  return out;
}

const home = tempDir("nanocode-home-");
let server: ScriptedServer | undefined;

export const stopShellServer = () => server?.stop();

/**
 * `env` adds to (or replaces) nanocode's environment; `args` are more command-line flags; `home` is
 * its home folder; `wrap` runs the binary through another command (a confining namespace).
 */
export type CallOptions = { env?: Record<string, string>; args?: string[]; home?: string; wrap?: string[] };

/** One print-mode session that makes these tool calls, one per turn; the results come back in order. */
export async function runCalls(calls: ScriptTurn[], cwd: string, options: CallOptions = {}) {
  const turns: ScriptTurn[] = [...calls, [{ type: "text", text: "finished" }]];
  server?.stop();
  const runHome = options.home ?? home;
  server = startScriptedServer({ turns, workdir: cwd, home: runHome });
  const env = { HOME: runHome, ANTHROPIC_API_KEY: "sk-test", ANTHROPIC_BASE_URL: server.url, ...options.env };
  const run = await runNanocode(["-p", "run the commands", "--output-format", "json", ...(options.args ?? [])], { cwd, env, wrap: options.wrap, timeoutMs: 120_000 });
  const result = JSON.parse(run.stdout);
  const last = server.requests.at(-1)!.body.messages;
  const results = last.flatMap((m) => (m.role === "user" && Array.isArray(m.content) ? m.content.filter((b): b is ToolResultBlock => b.type === "tool_result") : []));
  return { stderr: run.stderr, result, results: results.map((r) => (typeof r.content === "string" ? r.content : JSON.stringify(r.content))) };
}

/** Each command as a Bash call, in one session. */
export const runShellCalls = (commands: string[], cwd: string, options?: CallOptions) => runCalls(commands.map((command) => [{ type: "tool_use" as const, name: "Bash", input: { command } }]), cwd, options);

/** Issues each command as a Bash call in `dir` and checks that none ran: each is denied and listed, and nothing in the folder changed. */
export async function expectNoneRuns(commands: string[], dir: string): Promise<void> {
  const before = snapshot(dir);
  const { stderr, result, results } = await runShellCalls(commands, dir);
  expect(stderr).toBe("");
  expect(snapshot(dir)).toEqual(before);
  expect(commands.filter((_, i) => !results[i]!.startsWith("Permission to run"))).toEqual([]);
  expect(result.permission_denials).toHaveLength(commands.length);
}
