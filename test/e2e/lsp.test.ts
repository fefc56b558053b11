// Language servers through the compiled binary: diagnostics appended to Edit results, the LSP tool,
// a server that cannot start, and no server process left when the session ends.
import { afterAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import type { ToolResultBlock } from "../../src/model/messages.ts";
import type { ScriptTurn } from "../../src/model/script.ts";
import { processesIn, lspProject, SERVERS_PATH, TS_FILES } from "../support/lsp-project.ts";
import { runNanocode } from "../support/run.ts";
import { type ScriptedServer, startScriptedServer } from "../support/scripted-server.ts";
import { put } from "../support/tmp.ts";

// A loaded machine takes seconds to start a server: the edits here wait as long as it takes.
const WAIT = { lspDiagnosticsTimeout: 60_000 };
const servers: ScriptedServer[] = [];
afterAll(() => {
  for (const s of servers) s.stop();
});

/** Runs the turns as one print-mode session in `dir`; returns each tool result's text, in order, and stderr. */
async function session(dir: string, turns: ScriptTurn[], settings: Record<string, unknown> = {}) {
  const server = startScriptedServer({ turns: [...turns, [{ type: "text", text: "done" }]], workdir: dir, home: dir });
  servers.push(server);
  const run = await runNanocode(["-p", "go", "--dangerously-skip-permissions", "--settings", JSON.stringify({ ...WAIT, ...settings })], { cwd: dir, timeoutMs: 120_000, env: { PATH: SERVERS_PATH, ANTHROPIC_API_KEY: "k", ANTHROPIC_BASE_URL: server.url } });
  const last = server.requests.at(-1)!.body.messages;
  const blocks = last.flatMap((m): { type: string }[] => (Array.isArray(m.content) ? m.content : []));
  const results = blocks.filter((b): b is ToolResultBlock => b.type === "tool_result");
  const texts = results.map((r) => (typeof r.content === "string" ? r.content : r.content.map((c) => ("text" in c ? c.text : "")).join("")));
  return { ...run, texts };
}

const edit = (file: string, old_string: string, new_string: string): ScriptTurn => [{ type: "tool_use", name: "Edit", input: { file_path: `$WORKDIR/${file}`, old_string, new_string } }];
const read = (file: string): ScriptTurn => [{ type: "tool_use", name: "Read", input: { file_path: `$WORKDIR/${file}` } }];

describe("typescript-language-server", () => {
  test("an Edit that breaks the types gets the error in its result, the Edit that fixes it a clean one, and no server is left running", async () => {
    const dir = lspProject(TS_FILES);
    const { code, texts, stderr } = await session(dir, [read("src/shapes.ts"), edit("src/shapes.ts", "unit: number = 1", 'unit: number = "one"'), edit("src/shapes.ts", 'unit: number = "one"', "unit: number = 1")]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(texts[1]).toContain("has been updated successfully");
    expect(texts[1]).toContain("<diagnostics>\nsrc/shapes.ts:12:14 error Type 'string' is not assignable to type 'number'. (typescript/2322)\n</diagnostics>");
    expect(texts[2]).toContain("has been updated successfully");
    expect(texts[2]).not.toContain("<diagnostics>");
    expect(processesIn(dir)).toEqual([]);
  }, 90_000);
});
