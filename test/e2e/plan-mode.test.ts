import { afterAll, expect, test } from "bun:test";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ToolResultBlock } from "../../src/model/messages.ts";
import type { ScriptTurn } from "../../src/model/script.ts";
import { runNanocode } from "../support/run.ts";
import { type ScriptedServer, startScriptedServer } from "../support/scripted-server.ts";
import { tempDir } from "../support/tmp.ts";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function project() {
  const work = tempDir("nanocode-plan-");
  dirs.push(work);
  writeFileSync(join(work, "app.js"), "const answer = 41;\n");
  return work;
}

const edit = { type: "tool_use" as const, name: "Edit", input: { file_path: "$WORKDIR/app.js", old_string: "41", new_string: "42" } };
const resultOf = (server: ScriptedServer, request: number) => (server.requests[request]!.body.messages.at(-1)!.content as ToolResultBlock[])[0]!;

test("in plan mode an Edit is refused; once the plan is out of plan mode the same Edit runs", async () => {
  const work = project();
  const turns: ScriptTurn[] = [
    [{ type: "tool_use", name: "Read", input: { file_path: "$WORKDIR/app.js" } }],
    [{ type: "tool_use", name: "EnterPlanMode", input: {} }],
    [edit],
    [{ type: "tool_use", name: "ExitPlanMode", input: { plan: "1. Change 41 to 42 in app.js" } }],
    [edit],
    [{ type: "text", text: "done" }],
  ];
  const server = startScriptedServer({ turns, workdir: work, home: work });
  const run = await runNanocode(["-p", "fix the answer", "--dangerously-skip-permissions", "--output-format", "json"], {
    cwd: work,
    env: { ANTHROPIC_API_KEY: "sk-test", ANTHROPIC_BASE_URL: server.url },
  });
  server.stop();
  expect(run.stderr).toBe("");
  expect(resultOf(server, 2).content).toStartWith("Entered plan mode.");
  const refused = resultOf(server, 3);
  expect(refused.is_error).toBe(true);
  expect(refused.content).toContain("is not allowed in plan mode");
  // Print mode: nobody can approve, so the run goes back to the mode its flags gave.
  expect(resultOf(server, 4).content).toStartWith("User has approved your plan. You can now start coding (permission mode: bypassPermissions).");
  expect(resultOf(server, 5).is_error ?? false).toBe(false);
  expect(readFileSync(join(work, "app.js"), "utf8")).toBe("const answer = 42;\n");
  expect(JSON.parse(run.stdout).permission_denials).toEqual([expect.objectContaining({ tool_name: "Edit" })]);
});

test("plan mode the user chose stays on in print mode: the model's ExitPlanMode cannot end it, and the Edit after it is refused", async () => {
  for (const args of [["--permission-mode", "plan", "--allowedTools", "Edit"], ["--dangerously-skip-permissions"]]) {
    const work = project();
    const turns: ScriptTurn[] = [[{ type: "tool_use", name: "ExitPlanMode", input: { plan: "1. Change 41 to 42" } }], [edit], [{ type: "text", text: "done" }]];
    const server = startScriptedServer({ turns, workdir: work, home: work });
    const prompt = args[0] === "--permission-mode" ? "fix the answer" : "/plan fix the answer";
    await runNanocode(["-p", prompt, ...args, "--output-format", "json"], { cwd: work, env: { ANTHROPIC_API_KEY: "sk-test", ANTHROPIC_BASE_URL: server.url } });
    server.stop();
    expect(resultOf(server, 1)).toMatchObject({ is_error: true, content: expect.stringContaining("Plan mode was chosen by the user") });
    expect(resultOf(server, 2).content).toContain("is not allowed in plan mode");
    expect(readFileSync(join(work, "app.js"), "utf8")).toBe("const answer = 41;\n");
  }
});

test("/plan <task> runs the task in plan mode", async () => {
  const work = project();
  const server = startScriptedServer({
    turns: [[{ type: "tool_use", name: "Read", input: { file_path: "$WORKDIR/app.js" } }], [edit], [{ type: "text", text: "{{last_tool_result}}" }]],
    workdir: work,
    home: work,
  });
  const run = await runNanocode(["-p", "/plan make the answer 42", "--dangerously-skip-permissions"], { cwd: work, env: { ANTHROPIC_API_KEY: "sk-test", ANTHROPIC_BASE_URL: server.url } });
  server.stop();
  expect(JSON.stringify(server.requests[0]!.body.messages[0])).toContain("make the answer 42");
  expect(resultOf(server, 2).content).toContain("is not allowed in plan mode");
  // A denial that ended the task is an error in print mode.
  expect(run.stderr).toContain("denied: Edit(");
  expect(readFileSync(join(work, "app.js"), "utf8")).toBe("const answer = 41;\n");
});
