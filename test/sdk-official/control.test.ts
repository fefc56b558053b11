// The Query object's control requests, through the official SDK against the compiled binary: the
// initialize answer behind supportedCommands()/supportedModels()/supportedAgents(), and the
// requests that change a running session (scenarios 07c, 14 and 15 of the recorded protocol).

import { afterEach, expect, test } from "bun:test";
import { join } from "node:path";
import type { SDKMessage } from "@anthropic-ai/claude-agent-sdk";
import { type ScriptedServer, startScriptedServer } from "../support/scripted-server.ts";
import { collect, Prompts, sdkOptions, startQuery } from "../support/sdk.ts";
import { put, tempDir } from "../support/tmp.ts";

let server: ScriptedServer | undefined;
afterEach(() => server?.stop());

const results = (messages: SDKMessage[]) => messages.filter((m) => m.type === "result");

test("initialize answers what supportedCommands(), supportedModels(), supportedAgents() and accountInfo() read", async () => {
  const work = tempDir("nanocode-sdk-init-");
  put(join(work, ".claude/commands/greet.md"), "---\ndescription: greet someone\nargument-hint: <name>\n---\nSay hello to $ARGUMENTS.\n");
  server = startScriptedServer({ workdir: work, home: work, turns: [[{ type: "text", text: "ok" }]] });
  const prompts = new Prompts();
  const q = startQuery(prompts, await sdkOptions(work, server));
  const commands = await q.supportedCommands();
  expect(commands.find((c) => c.name === "compact")).toMatchObject({ description: expect.any(String), argumentHint: expect.any(String), builtin: true });
  expect(commands.find((c) => c.name === "greet")).toEqual({ name: "greet", description: "greet someone", argumentHint: "<name>" });
  const models = await q.supportedModels();
  expect(models.map((m) => m.value).slice(0, 4)).toEqual(["default", "opus", "sonnet", "haiku"]);
  expect(models[1]).toMatchObject({ resolvedModel: "claude-opus-5-5", displayName: "Opus", supportsEffort: true, supportsFastMode: false });
  expect((await q.supportedAgents()).map((a) => a.name)).toContain("general-purpose");
  expect(await q.accountInfo()).toMatchObject({ apiKeySource: "ANTHROPIC_API_KEY" });
  const init = await q.initializationResult();
  expect(init).toMatchObject({ output_style: "default", available_output_styles: ["default"], current_permission_mode: "default", pid: expect.any(Number) });
  expect(await q.mcpServerStatus()).toEqual([]);
  prompts.send("hello");
  prompts.end();
  const { messages, error } = await collect(q);
  expect(error).toBeUndefined();
  expect(results(messages)).toMatchObject([{ subtype: "success", result: "ok" }]);
});

test("setPermissionMode() lets the next turn write without asking, and says so in a status line", async () => {
  const work = tempDir("nanocode-sdk-mode-");
  const write = (name: string) => [{ type: "tool_use" as const, name: "Write", input: { file_path: join(work, name), content: `${name}\n` } }];
  server = startScriptedServer({ workdir: work, home: work, turns: [write("a.txt"), [{ type: "text", text: "first done" }], write("b.txt"), [{ type: "text", text: "second done" }]] });
  const prompts = new Prompts();
  const q = startQuery(prompts, await sdkOptions(work, server));
  prompts.send("write a");
  const { messages, error } = await collect(q, async (m) => {
    if (m.type !== "result") return;
    if (m.result_index === 0) {
      await q.setPermissionMode("acceptEdits");
      prompts.send("write b");
    } else prompts.end();
  });
  expect(error).toBeUndefined();
  expect(results(messages).map((r) => r.subtype)).toEqual(["success", "success"]);
  expect(await Bun.file(join(work, "a.txt")).exists()).toBe(false);
  expect(await Bun.file(join(work, "b.txt")).text()).toBe("b.txt\n");
  expect(messages.find((m) => m.type === "system" && m.subtype === "status")).toMatchObject({ status: null, permissionMode: "acceptEdits" });
  const inits = messages.filter((m) => m.type === "system" && m.subtype === "init");
  expect(inits.map((m) => (m as { permissionMode: string }).permissionMode)).toEqual(["default", "acceptEdits"]);
});

test("setPermissionMode('bypassPermissions') is refused unless the launch allowed it", async () => {
  const work = tempDir("nanocode-sdk-bypass-");
  server = startScriptedServer({ workdir: work, home: work, turns: [[{ type: "text", text: "ok" }]] });
  const refused = startQuery(new Prompts(), await sdkOptions(work, server));
  await expect(refused.setPermissionMode("bypassPermissions")).rejects.toThrow(/allow-dangerously-skip-permissions/);
  refused.close();
  const allowed = startQuery(new Prompts(), await sdkOptions(work, server, { allowDangerouslySkipPermissions: true }));
  await allowed.setPermissionMode("bypassPermissions");
  expect(await allowed.initializationResult()).toMatchObject({ current_permission_mode: "default" });
  allowed.close();
});

test("setModel() switches the model of the next request; setModel() with none goes back", async () => {
  const work = tempDir("nanocode-sdk-model-");
  server = startScriptedServer({ workdir: work, home: work, reply: () => [{ type: "text", text: "ok" }] });
  const prompts = new Prompts();
  const q = startQuery(prompts, await sdkOptions(work, server, { model: "claude-sonnet-4-6" }));
  prompts.send("first");
  const { messages, error } = await collect(q, async (m) => {
    if (m.type !== "result") return;
    const index = m.result_index ?? 0;
    if (index === 0) await q.setModel("claude-haiku-4-5");
    if (index === 1) await q.setModel();
    if (index < 2) prompts.send("next");
    else prompts.end();
  });
  expect(error).toBeUndefined();
  expect(server.requests.map((r) => r.body.model)).toEqual(["claude-sonnet-4-6", "claude-haiku-4-5", "claude-sonnet-4-6"]);
  expect(messages.filter((m) => m.type === "user" && (m as { isReplay?: boolean }).isReplay).map((m) => (m as { message: { content: string } }).message.content)).toEqual([
    "<local-command-stdout>Set model to `claude-haiku-4-5`</local-command-stdout>",
    "<local-command-stdout>Set model to `claude-sonnet-4-6`</local-command-stdout>",
  ]);
});

test("setMaxThinkingTokens() turns thinking on with that budget, 0 turns it off, null goes back", async () => {
  const work = tempDir("nanocode-sdk-thinking-");
  server = startScriptedServer({ workdir: work, home: work, reply: () => [{ type: "text", text: "ok" }] });
  const prompts = new Prompts();
  const q = startQuery(prompts, await sdkOptions(work, server));
  await q.setMaxThinkingTokens(4000);
  prompts.send("one");
  const budgets = [0, null] as const;
  const { error } = await collect(q, async (m) => {
    if (m.type !== "result") return;
    const next = budgets[m.result_index ?? 0];
    if (next === undefined) return prompts.end();
    await q.setMaxThinkingTokens(next);
    prompts.send("again");
  });
  expect(error).toBeUndefined();
  expect(server.requests.map((r) => r.body.thinking)).toEqual([{ type: "enabled", budget_tokens: 4000 }, undefined, undefined]);
});

test("an unknown control request is answered with an error naming it; the session goes on", async () => {
  const work = tempDir("nanocode-sdk-unknown-");
  server = startScriptedServer({ workdir: work, home: work, turns: [[{ type: "text", text: "ok" }]] });
  const prompts = new Prompts();
  const q = startQuery(prompts, await sdkOptions(work, server));
  // A request of the SDK's that nanocode has no counterpart for (not in its public types).
  await expect((q as unknown as { launchUltrareview(args: string): Promise<unknown> }).launchUltrareview("x")).rejects.toThrow(/unsupported control request: ultrareview_launch/);
  await expect(q.setPermissionMode("sideways" as never)).rejects.toThrow(/set_permission_mode: mode: must be one of/);
  prompts.send("hello");
  prompts.end();
  const { messages, error } = await collect(q);
  expect(error).toBeUndefined();
  expect(results(messages)).toMatchObject([{ result: "ok" }]);
});
