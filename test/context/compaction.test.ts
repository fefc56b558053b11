import { expect, test } from "bun:test";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { compactIfNeeded } from "../../src/agent/compaction.ts";
import { microCompact } from "../../src/context/micro.ts";
import { restoreFiles } from "../../src/context/restore.ts";
import { SessionContext } from "../../src/context/session-context.ts";
import { SessionMemory } from "../../src/context/session-memory.ts";
import { extractSummary, isUserPrompt, summaryMessage } from "../../src/context/summary.ts";
import { TokenMeter, messagesTokens } from "../../src/context/tokens.ts";
import { FileState } from "../../src/fs/file-state.ts";
import { emptyUsage, type Message, textOf } from "../../src/model/messages.ts";
import { modeGate, registryOf, scriptedProvider } from "../support/agent.ts";
import { tempDir } from "../support/tmp.ts";

const big = "x".repeat(5000);
const read = (id: string, path: string): Message[] => [
  { role: "assistant", content: [{ type: "tool_use", id, name: "Read", input: { file_path: path } }] },
  { role: "user", content: [{ type: "tool_result", tool_use_id: id, content: big }] },
];

test("micro-compaction stubs old large results with how to get them again, keeps the latest, copies what it changes", () => {
  const messages: Message[] = [{ role: "user", content: "go" }, ...read("a", "/a"), ...read("b", "/b"), ...read("c", "/c")];
  const original = messages[2];
  const saved = microCompact(messages, 2);
  expect(saved).toBeGreaterThan(1000);
  expect(JSON.stringify(messages[2])).toContain('[Old tool result cleared to save context. To see it again, call Read with {\\"file_path\\":\\"/a\\"}.]');
  expect(JSON.stringify(messages[4])).toContain(big);
  expect(JSON.stringify(messages[6])).toContain(big);
  expect(JSON.stringify(original)).toContain(big);
  expect(microCompact(messages, 2)).toBe(0);
});

test("the meter uses the real usage up to the last response and estimates only what came after", () => {
  const meter = new TokenMeter();
  const messages: Message[] = [{ role: "user", content: "go" }, ...read("a", "/a")];
  expect(meter.estimate(messages, 100)).toBe(100 + messagesTokens(messages));
  meter.observe(2, { ...emptyUsage(), cache_read_input_tokens: 900, input_tokens: 50, output_tokens: 50 });
  expect(meter.estimate(messages, 100)).toBe(1000 + 1250);
  meter.reset();
  expect(meter.estimate(messages, 100)).toBe(100 + messagesTokens(messages));
});

test("the summary keeps the summary part only, the user's latest request verbatim and the todo list", () => {
  expect(extractSummary("<analysis>long</analysis>\n<summary>\nthe gist\n</summary>")).toBe("the gist");
  expect(extractSummary("no tags at all")).toBe("no tags at all");
  const summarised: Message[] = [
    { role: "user", content: "first request" },
    { role: "assistant", content: [{ type: "tool_use", id: "t", name: "TodoWrite", input: { todos: [{ content: "Step one", status: "completed" }, { content: "Step two", status: "pending" }] } }] },
    { role: "user", content: [{ type: "tool_result", tool_use_id: "t", content: "ok" }] },
    { role: "assistant", content: [{ type: "text", text: "done" }] },
    { role: "user", content: "second request, exactly this" },
  ];
  const message = summaryMessage("the gist", summarised, [], ["restored file"], true);
  const text = textOf(message);
  expect(text).toContain("<summary>\nthe gist\n</summary>");
  expect(text).toContain("<request>\nsecond request, exactly this\n</request>");
  expect(text).toContain("- [completed] Step one\n- [pending] Step two");
  expect(text).toContain("restored file");
  expect(text).toContain("Go on with the task");
  expect(isUserPrompt(message)).toBe(false);
  expect(textOf(summaryMessage("g", summarised, [{ role: "user", content: "later" }], [], false))).not.toContain("<request>");
});

test("after five idle minutes (the prompt cache has expired) old large results are cleared before the next request", async () => {
  const messages: Message[] = [{ role: "user", content: "go" }, ...read("a", "/a"), ...read("b", "/b"), ...read("c", "/c"), ...read("d", "/d")];
  const cwd = tempDir();
  const context = new SessionContext(SessionMemory.empty(cwd));
  const scope = {
    deps: { provider: scriptedProvider([]), registry: registryOf(), permissions: modeGate("bypassPermissions") },
    config: { model: "claude-sonnet-5-5", maxTokens: 1000, system: [], env: { cwd, sessionId: "s", sessionDir: cwd, files: new FileState() }, signal: new AbortController().signal, context },
  };
  const drain = async () => {
    for await (const _ of compactIfNeeded(messages, scope));
  };
  context.meter.observe(messages.length, { ...emptyUsage(), input_tokens: 5000 });
  await drain();
  expect(JSON.stringify(messages)).not.toContain("cleared");
  context.meter.observedAt = Date.now() - 6 * 60_000;
  await drain();
  expect(JSON.stringify(messages[2])).toContain("Old tool result cleared");
  expect(JSON.stringify(messages.at(-1))).toContain(big);
});

test("files restored after a compaction pass the deny rules: a Read they refused does not come back", async () => {
  const dir = tempDir();
  writeFileSync(join(dir, "ok.txt"), "OK_TEXT\n");
  writeFileSync(join(dir, "secret.txt"), "SECRET_TEXT\n");
  const summarised = [{ role: "user" as const, content: "go" }, ...read("a", join(dir, "secret.txt")), ...read("b", join(dir, "ok.txt"))];
  const restored = (await restoreFiles(summarised, [], { cwd: dir, budgetTokens: 10_000, canRead: (path) => !path.endsWith("secret.txt") })).join("\n");
  expect(restored).toContain("OK_TEXT");
  expect(restored).not.toContain("SECRET_TEXT");
});
