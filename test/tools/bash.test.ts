import { expect, test } from "bun:test";
import { existsSync, mkdirSync, readFileSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { TaskBoard } from "../../src/agents/tasks.ts";
import type { Message } from "../../src/model/messages.ts";
import type { AgentCapabilities } from "../../src/registry/agent-api.ts";
import { takeNotifications } from "../../src/tasks/notifications.ts";
import bash from "../../tools/bash.ts";
import taskStop from "../../tools/task-stop.ts";
import { call, toolContext } from "./context.ts";

test("stdout and stderr come back merged in order; a failure reports its exit code first", async () => {
  const ctx = toolContext();
  expect(await call(bash, { command: "echo a; echo b >&2; echo c" }, ctx)).toMatchObject({ text: "a\nb\nc", isError: false });
  expect(await call(bash, { command: "echo out; echo err >&2; exit 3" }, ctx)).toMatchObject({ text: "Exit code 3\nout\nerr", isError: true });
  expect((await call(bash, { command: "true" }, ctx)).text).toBe("(Bash completed with no output)");
});

test("a cd sticks across calls; a failed cd does not move", async () => {
  const ctx = toolContext();
  mkdirSync(join(ctx.cwd, "sub dir"));
  await call(bash, { command: "cd 'sub dir'" }, ctx);
  expect(ctx.cwd).toBe(join(realpathSync(ctx.cwd.replace(/\/sub dir$/, "")), "sub dir"));
  expect((await call(bash, { command: "pwd" }, ctx)).text).toBe(ctx.cwd);
  await call(bash, { command: "cd /nonexistent-dir" }, ctx);
  expect(ctx.cwd.endsWith("sub dir")).toBe(true);
});

test("stdin is closed and pagers and editors never wait for a terminal", async () => {
  const ctx = toolContext();
  expect((await call(bash, { command: "cat; echo \"$PAGER $GIT_EDITOR\"" }, ctx)).text).toBe("cat true");
});

test("a timeout kills the whole process group", async () => {
  const ctx = toolContext();
  const marker = join(ctx.cwd, "survived");
  const result = await call(bash, { command: `(sleep 2; touch ${marker}) & sleep 5`, timeout: 300 }, ctx);
  expect(result.isError).toBe(true);
  expect(result.text).toStartWith("Command timed out after 0.3s");
  // The orphaned subshell was in the group: it must be gone, so the marker never appears. A killed
  // process may take a moment to vanish on a loaded machine; a survivor would still be there after
  // a second (it sleeps 2 s first), so waiting that long proves the kill without a flaky race.
  const alive = () => Bun.spawnSync(["pgrep", "-f", `touch ${marker}`]).stdout.toString().trim();
  for (let waited = 0; alive() && waited < 1000; waited += 50) await Bun.sleep(50);
  expect(alive()).toBe("");
});

test("an abort kills the command and says it was interrupted", async () => {
  const ctx = toolContext();
  const controller = new AbortController();
  const running = call(bash, { command: "echo started; sleep 30" }, { ...ctx, signal: controller.signal });
  controller.abort();
  const result = await running;
  expect(result.isError).toBe(true);
  expect(result.text).toContain("Command interrupted");
});

test("output over 30,000 characters is saved whole under the session dir and previewed", async () => {
  const ctx = toolContext();
  const { text } = await call(bash, { command: "seq 1 30000" }, ctx);
  const saved = /Full output saved to: (\S+)/.exec(text)![1]!;
  expect(saved.startsWith(join(ctx.sessionDir, "tool-results"))).toBe(true);
  expect(readFileSync(saved, "utf8").split("\n")).toHaveLength(30001);
  expect(text).toStartWith("<persisted-output>\nOutput too large (164.9KB).");
  expect(text).toEndWith("526\n527\n...\n</persisted-output>");
});

test("run_in_background returns an id and an output file; TaskStop stops it; an end is notified", async () => {
  const ctx = toolContext();
  const tasks = ctx.agent!.tasks;
  const started = await call(bash, { command: "echo up; sleep 30", run_in_background: true }, ctx);
  const [, id, file] = /with ID: (\S+)\. Output is being written to: (\S+)$/.exec(started.text)!;
  expect(tasks.get(id!)?.state).toBe("running");
  while (!existsSync(file!) || readFileSync(file!, "utf8") === "") await Bun.sleep(5);
  expect((await call(taskStop, { task_id: "nope" }, ctx)).text).toContain(`Running tasks: ${id}`);
  expect((await call(taskStop, { task_id: id }, ctx)).text).toBe(`Successfully stopped task: ${id} (echo up; sleep 30)`);
  await tasks.get(id!)!.done;
  expect(tasks.get(id!)?.state).toBe("stopped");
  expect(readFileSync(file!, "utf8")).toBe("up\n");
  expect((await call(taskStop, { shell_id: id }, ctx)).text).toContain("is not running");
  // Stopped by the model: no notification. Ended on its own: one.
  expect(takeNotifications(ctx.sessionId)).toEqual([]);
  const quick = await call(bash, { command: "echo bye; exit 4", run_in_background: true }, ctx);
  const quickId = /with ID: (\S+)\./.exec(quick.text)![1]!;
  await tasks.get(quickId)!.done;
  expect(tasks.get(quickId)).toMatchObject({ state: "failed", output: "Exit code 4\nbye" });
  expect(takeNotifications(ctx.sessionId)).toEqual([expect.stringContaining(`Background command ${quickId} failed with exit code 4: echo bye; exit 4`)]);
});

test("the model is told of a background task's end with the next tool results", async () => {
  const { runAgent } = await import("../../src/agent/loop.ts");
  const { FileState } = await import("../../src/fs/file-state.ts");
  const { PermissionEngine } = await import("../../src/permissions/engine.ts");
  const { defineTool } = await import("../../src/registry/define.ts");
  const v = await import("valibot");
  const { registryOf, scriptedProvider } = await import("../support/agent.ts");
  const board = new TaskBoard();
  // Waits until every background task has ended: an event, not a sleep.
  const settle = defineTool({ name: "Settle", description: "waits for background tasks", input: v.object({}), run: async () => (await Promise.all(board.list().map((t) => t.done)), "settled") });
  const provider = scriptedProvider([
    [{ type: "tool_use", id: "t1", name: "Bash", input: { command: "echo bg", run_in_background: true } }],
    [{ type: "tool_use", id: "t2", name: "Settle", input: {} }],
    [{ type: "text", text: "ok" }],
  ]);
  const cwd = toolContext().cwd;
  const messages: Message[] = [];
  const env = { cwd, sessionId: "s-notify", sessionDir: `${cwd}/.session`, files: new FileState(), services: { forCall: () => ({ tasks: board }) as unknown as AgentCapabilities } };
  const run = runAgent({ provider, registry: registryOf(bash, settle), permissions: new PermissionEngine({ mode: "bypassPermissions", rules: [], projectDir: process.cwd() }) }, { model: "m", maxTokens: 100, system: [], env, signal: new AbortController().signal }, messages, { role: "user", content: "go" });
  while (!(await run.next()).done);
  const afterSettle = messages[4]!.content as { type: string; text?: string }[];
  expect(afterSettle.map((b) => b.type)).toEqual(["tool_result", "text"]);
  expect(afterSettle[1]!.text).toMatch(/^<task-notification>\nBackground command bash-\w+ completed: echo bg/);
});

test("a cd the session refuses (setCwd returns false) is undone and the model is told", async () => {
  const ctx = toolContext();
  const start = ctx.cwd;
  const guarded = { ...ctx, setCwd: () => false };
  const { text } = await call(bash, { command: "cd / && echo moved" }, guarded);
  expect(text).toBe(`moved\nShell cwd was reset to ${start} (/ is outside the allowed working directories)`);
  expect((await call(bash, { command: "pwd" }, guarded)).text).toBe(start);
});
