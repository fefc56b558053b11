// The rest of the Query object's requests through the official SDK against the compiled binary:
// getContextUsage(), applyFlagSettings(), updateSettings(), the reloads, stopTask() and
// backgroundTasks().

import { afterEach, expect, test } from "bun:test";
import { join } from "node:path";
import { type ScriptedServer, startScriptedServer } from "../support/scripted-server.ts";
import { collect, Prompts, sdkOptions, startQuery } from "../support/sdk.ts";
import { put, tempDir } from "../support/tmp.ts";

let server: ScriptedServer | undefined;
afterEach(() => server?.stop());

test("getContextUsage() says where the window goes, by Claude Code's categories", async () => {
  const work = tempDir("nanocode-sdk-context-");
  put(join(work, "CLAUDE.md"), "Project notes for the model.\n");
  server = startScriptedServer({ workdir: work, home: work, turns: [] });
  const q = startQuery(new Prompts(), await sdkOptions(work, server, { extraArgs: { trust: null } }));
  const usage = await q.getContextUsage();
  expect(usage.categories.map((c) => c.id)).toEqual(["system_prompt", "memory_files", "system_tools", "messages", "free_space"]);
  expect(usage).toMatchObject({ model: "claude-sonnet-5-5", maxTokens: 1_000_000, memoryFiles: [{ path: join(work, "CLAUDE.md") }] });
  expect(usage.totalTokens).toBeGreaterThan(1000);
  q.close();
});

test("applyFlagSettings() changes the model and effort of the next request; other settings are refused by name", async () => {
  const work = tempDir("nanocode-sdk-flags-");
  server = startScriptedServer({ workdir: work, home: work, reply: () => [{ type: "text", text: "ok" }] });
  const prompts = new Prompts();
  const q = startQuery(prompts, await sdkOptions(work, server));
  await q.applyFlagSettings({ model: "claude-haiku-4-5", effortLevel: "high" });
  await expect(q.applyFlagSettings({ theme: "dark" })).rejects.toThrow(/theme: only model, effortLevel and alwaysThinkingEnabled/);
  prompts.send("one");
  const { error } = await collect(q, async (m) => {
    if (m.type !== "result") return;
    if (m.result_index !== 0) return prompts.end();
    await q.applyFlagSettings({ effortLevel: null, model: null });
    prompts.send("two");
  });
  expect(error).toBeUndefined();
  expect(server.requests.map((r) => [r.body.model, r.body.thinking])).toEqual([
    ["claude-haiku-4-5", { type: "enabled", budget_tokens: 16_000 }],
    ["claude-sonnet-5-5", undefined],
  ]);
});

test("updateSettings() writes the project's local settings file, keeping what it held; null removes a key", async () => {
  const work = tempDir("nanocode-sdk-update-");
  const file = join(work, ".nanocode/settings.local.json");
  put(file, JSON.stringify({ model: "opus", env: { A: "1" } }));
  server = startScriptedServer({ workdir: work, home: work, turns: [] });
  const q = startQuery(new Prompts(), await sdkOptions(work, server));
  await q.updateSettings("localSettings", { permissions: { allow: ["Bash(ls:*)"] }, model: null });
  expect(JSON.parse(await Bun.file(file).text())).toEqual({ env: { A: "1" }, permissions: { allow: ["Bash(ls:*)"] } });
  q.close();
});

test("reloads answer with what the session has; stopTask() of no task and reloadSkills() are refused; nothing moves to the background", async () => {
  const work = tempDir("nanocode-sdk-reload-");
  server = startScriptedServer({ workdir: work, home: work, turns: [] });
  const q = startQuery(new Prompts(), await sdkOptions(work, server));
  const plugins = await q.reloadPlugins();
  expect(plugins).toMatchObject({ plugins: [], mcpServers: [], error_count: 0 });
  expect(plugins.commands.map((c) => c.name)).toContain("compact");
  expect(await q.reloadOutputStyles()).toEqual({ available_output_styles: ["default"] });
  await expect(q.reloadSkills()).rejects.toThrow(/reads skills when the session starts/);
  await expect(q.stopTask("task-none")).rejects.toThrow(/no running task task-none/);
  expect(await q.backgroundTasks()).toBe(false);
  q.close();
});
