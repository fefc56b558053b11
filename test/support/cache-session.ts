// A 10-request scripted session for the prompt-cache test and the context report.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ScriptTurn } from "../../src/model/script.ts";
import { runNanocode } from "./run.ts";
import { startScriptedServer } from "./scripted-server.ts";
import { tempDir } from "./tmp.ts";

/** Ten requests of an ordinary small task: look around, read, search, edit, check. */
export const TEN_TURNS: ScriptTurn[] = [
  [{ type: "tool_use", name: "Glob", input: { pattern: "**/*.ts" } }],
  [{ type: "tool_use", name: "Read", input: { file_path: "$WORKDIR/src/total.ts" } }],
  [{ type: "tool_use", name: "Grep", input: { pattern: "total", output_mode: "content" } }],
  [{ type: "tool_use", name: "Read", input: { file_path: "$WORKDIR/src/main.ts" } }],
  [{ type: "tool_use", name: "Bash", input: { command: "ls src", description: "List sources" } }],
  [{ type: "tool_use", name: "Edit", input: { file_path: "$WORKDIR/src/total.ts", old_string: "a - b", new_string: "a + b" } }],
  [{ type: "tool_use", name: "Read", input: { file_path: "$WORKDIR/src/total.ts" } }],
  [{ type: "tool_use", name: "Bash", input: { command: "grep -c total src/main.ts", description: "Count uses" } }],
  [{ type: "tool_use", name: "Grep", input: { pattern: "a \\+ b" } }],
  [{ type: "text", text: "Fixed: total() added with a minus; it now adds." }],
];

export function sampleProject(): string {
  const dir = tempDir("nanocode-cache-");
  mkdirSync(join(dir, "src"));
  writeFileSync(join(dir, "src", "total.ts"), "export function total(a: number, b: number) {\n  return a - b;\n}\n");
  writeFileSync(join(dir, "src", "main.ts"), 'import { total } from "./total";\nconsole.log(total(2, 3));\n');
  return dir;
}

/** Runs the session through the compiled binary; returns each request's share of input read from cache. */
export async function cacheShares(): Promise<number[]> {
  const dir = sampleProject();
  const server = startScriptedServer({ turns: TEN_TURNS, workdir: dir });
  const run = await runNanocode(["-p", "total() is wrong, fix it", "--dangerously-skip-permissions"], { cwd: dir, env: { HOME: tempDir("nanocode-home-"), ANTHROPIC_API_KEY: "k", ANTHROPIC_BASE_URL: server.url } });
  server.stop();
  if (run.code !== 0) throw new Error(run.stderr);
  return server.requests.map(({ usage }) => usage!.cache_read_input_tokens / (usage!.cache_read_input_tokens + usage!.cache_creation_input_tokens + usage!.input_tokens));
}
