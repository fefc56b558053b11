import { expect, test } from "bun:test";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cwdSlug } from "../../src/config/paths.ts";
import { SUMMARY_MARKER } from "../../src/context/summary.ts";
import { type Message, textOf } from "../../src/model/messages.ts";
import type { ScriptTurn } from "../../src/model/script.ts";
import { loadSession } from "../../src/session/load.ts";
import { runNanocode } from "../support/run.ts";
import { type RecordedRequest, startScriptedServer } from "../support/scripted-server.ts";
import { tempDir } from "../support/tmp.ts";

const isSummaryRequest = (r: RecordedRequest) => JSON.stringify(r.body.messages.at(-1)).includes(SUMMARY_MARKER);
const SUMMARY: ScriptTurn = [{ type: "text", text: "<analysis>thinking</analysis>\n<summary>1. Request: fix add() in target.ts. 7. Current work: read the logs.</summary>" }];

/** A server that answers summary requests with SUMMARY and plays `turns` for the others, in order. */
function serve(dir: string, turns: (ScriptTurn | ((r: RecordedRequest) => ScriptTurn | Response))[]) {
  let next = 0;
  return startScriptedServer({
    workdir: dir,
    reply: (request) => {
      if (isSummaryRequest(request)) return SUMMARY;
      const turn = turns[next++];
      if (!turn) return Response.json({ type: "error", error: { type: "invalid_request_error", message: "script ended" } }, { status: 400 });
      return typeof turn === "function" ? turn(request) : turn;
    },
  });
}

function project(): { dir: string; config: string } {
  const dir = tempDir("nanocode-compact-");
  writeFileSync(join(dir, "target.ts"), "export const add = (a: number, b: number) => a - b;\n");
  for (const name of ["log1.txt", "log2.txt"]) writeFileSync(join(dir, name), "a log line with some words in it\n".repeat(400));
  return { dir, config: tempDir("nanocode-config-") };
}

const env = (config: string, url: string, extra: Record<string, string> = {}) => ({ HOME: config, NANOCODE_CONFIG_DIR: config, ANTHROPIC_API_KEY: "k", ANTHROPIC_BASE_URL: url, ...extra });

test("a session driven past a small window compacts automatically and then finishes the task", async () => {
  const { dir, config } = project();
  const server = serve(dir, [
    [{ type: "tool_use", name: "TodoWrite", input: { todos: [{ content: "Fix add()", status: "in_progress", activeForm: "Fixing add()" }] } }],
    [{ type: "tool_use", name: "Read", input: { file_path: "$WORKDIR/target.ts" } }],
    [{ type: "tool_use", name: "Read", input: { file_path: "$WORKDIR/log1.txt" } }],
    [{ type: "tool_use", name: "Read", input: { file_path: "$WORKDIR/log2.txt" } }],
    [{ type: "tool_use", name: "Edit", input: { file_path: "$WORKDIR/target.ts", old_string: "a - b", new_string: "a + b" } }],
    [{ type: "text", text: "Fixed add()." }],
  ]);
  const run = await runNanocode(["-p", "fix add() in target.ts, the logs show the bug", "--dangerously-skip-permissions", "--output-format", "json"], {
    cwd: dir,
    env: env(config, server.url, { NANOCODE_AUTO_COMPACT_WINDOW: "14000" }),
  });
  server.stop();
  expect(run.stderr).toBe("");
  expect(JSON.parse(run.stdout)).toMatchObject({ subtype: "success", result: "Fixed add()." });
  expect(readFileSync(join(dir, "target.ts"), "utf8")).toContain("a + b");

  const summaries = server.requests.filter(isSummaryRequest);
  expect(summaries).toHaveLength(1);
  // The request after the summary starts from the summary, the user's request verbatim, the todo
  // list and the most recent small file, restored.
  const after = server.requests[server.requests.indexOf(summaries[0]!) + 1]!;
  const opening = textOf(after.body.messages[0] as Message);
  expect(opening).toContain("<summary>\n1. Request: fix add()");
  expect(opening).not.toContain("<analysis>");
  expect(opening).toContain("<request>\nfix add() in target.ts, the logs show the bug\n</request>");
  expect(opening).toContain("- [in_progress] Fix add()");
  expect(opening).toContain(`Contents of ${join(dir, "target.ts")}, re-read after the compaction:\n1\texport const add`);
  expect(JSON.stringify(after.body)).not.toContain("a log line with some words in it\\na log line");

  // The session file has the boundary; resuming starts from the compacted conversation.
  const folder = join(config, "projects", cwdSlug(dir));
  const file = join(folder, readdirSync(folder).find((f) => f.endsWith(".jsonl"))!);
  const types = readFileSync(file, "utf8").trim().split("\n").map((l) => JSON.parse(l).type);
  expect(types).toContain("compact");
  const loaded = await loadSession(file);
  expect(textOf(loaded.messages[0]!)).toContain("<summary>");
  expect(textOf(loaded.messages.at(-1)!)).toBe("Fixed add().");
});

test("'prompt is too long' from the API triggers one compaction and one retry", async () => {
  const { dir, config } = project();
  const tooLong = () => Response.json({ type: "error", error: { type: "invalid_request_error", message: "prompt is too long: 210000 tokens > 200000 maximum" } }, { status: 400 });
  const server = serve(dir, [[{ type: "tool_use", name: "Read", input: { file_path: "$WORKDIR/log1.txt" } }], tooLong, [{ type: "text", text: "done after compacting" }]]);
  const run = await runNanocode(["-p", "read the log", "--dangerously-skip-permissions", "--output-format", "json"], { cwd: dir, env: env(config, server.url) });
  server.stop();
  expect(run.stderr).toBe("");
  expect(JSON.parse(run.stdout)).toMatchObject({ subtype: "success", result: "done after compacting", num_turns: 2 });
  expect(server.requests.map((r) => (isSummaryRequest(r) ? "summary" : "main"))).toEqual(["main", "main", "summary", "main"]);
});

test("/compact with instructions, /cost and /context on a resumed session in print mode", async () => {
  const { dir, config } = project();
  const server = serve(dir, [[{ type: "tool_use", name: "Read", input: { file_path: "$WORKDIR/target.ts" } }], [{ type: "text", text: "It subtracts." }]]);
  const first = await runNanocode(["-p", "what does add do?", "--output-format", "json"], { cwd: dir, env: env(config, server.url) });
  const id = JSON.parse(first.stdout).session_id;

  const cost = await runNanocode(["-p", "/cost", "--resume", id], { cwd: dir, env: env(config, server.url) });
  expect(cost.stdout).toMatch(/^Total cost: +\$0\.\d{4}\n/);
  expect(cost.stdout).toContain("claude-sonnet-5-5:");

  const compacted = await runNanocode(["-p", "/compact keep the file names", "--resume", id], { cwd: dir, env: env(config, server.url) });
  expect(compacted.stderr).toBe("");
  expect(compacted.stdout).toMatch(/^Compacted the conversation: [\d.]+k → [\d.]+k tokens \(estimated\)\.\n$/);
  expect(JSON.stringify(server.requests.at(-1)!.body.messages.at(-1))).toContain("keep the file names");

  const context = await runNanocode(["-p", "/context", "--resume", id], { cwd: dir, env: env(config, server.url) });
  expect(context.stdout).toMatch(/^Context: claude-sonnet-5-5 · [\d.]+k \/ 1000\.0k tokens/);
  for (const part of ["System prompt:", "Tool definitions:", "Messages:", "Free space:", "Auto-compact buffer:"]) expect(context.stdout).toContain(part);
  server.stop();
});
