import { expect, test } from "bun:test";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ScriptTurn } from "../../src/model/script.ts";
import { lastUserText, start, started } from "../support/repl.ts";
import { tempDir } from "../support/tmp.ts";

// The interactive REPL of the compiled binary in a real terminal (tmux), against the scripted model.

test("a prompt streams a Markdown answer, rendered", async () => {
  const answer: ScriptTurn = [{ type: "text", text: "# Plan\nUse **bold** and `code`:\n\n- first\n- second\n\n```ts\nconst x = 1;\n```\n\n| key | value |\n|-----|------:|\n| a | 1 |\n" }];
  const { term, server } = await started({ turns: [answer], eventDelayMs: 5 });
  term.submit("make a plan");
  const screen = await term.waitFor("└─────┴───────┘");
  expect(lastUserText(server)).toBe("make a plan");
  expect(screen).toContain("● Plan");
  expect(screen).toContain("Use bold and code:");
  expect(screen).toContain("• first");
  expect(screen).toContain("    const x = 1;");
  expect(screen).toContain("│ a   │     1 │");
  expect(screen).not.toContain("**");
  expect(screen).not.toContain("```");
});

test("a tool call is shown, approved at the prompt, and its result summarised", async () => {
  const { term, server, work } = await started({
    turns: [[{ type: "tool_use", name: "Bash", input: { command: "echo made > made.txt && echo ok" } }], [{ type: "text", text: "Finished." }]],
  });
  term.submit("create the file");
  const prompt = await term.waitFor("Do you want to proceed?");
  expect(prompt).toContain("echo made > made.txt && echo ok");
  expect(existsSync(join(work, "made.txt"))).toBe(false);
  term.keys("Down", "Up", "Enter");
  const done = await term.waitFor("Finished.");
  expect(done).toContain("● Bash echo made > made.txt && echo ok");
  expect(done).toContain("⎿  ok");
  expect(existsSync(join(work, "made.txt"))).toBe(true);
  expect(server.requests).toHaveLength(2);
});

test("Esc interrupts a long Bash; the transcript stays consistent and the session goes on", async () => {
  const { term, server } = await started(
    { turns: [[{ type: "tool_use", name: "Bash", input: { command: "sleep 30" } }], [{ type: "text", text: "after the interrupt" }]] },
    { args: ["--permission-mode", "bypassPermissions"] },
  );
  term.submit("wait a while");
  await term.waitFor("Running Bash");
  term.keys("Escape");
  const screen = await term.waitFor("Interrupted");
  expect(screen).toContain("● Bash sleep 30");
  term.submit("go on");
  await term.waitFor("after the interrupt");
  const messages = server.requests.at(-1)!.body.messages;
  expect(messages.map((m) => m.role)).toEqual(["user", "assistant", "user", "user"]);
  expect(JSON.stringify(messages[2]!.content)).toContain("Interrupted by user");
});

test("a multi-line paste arrives as one message", async () => {
  const { term, server } = await started({ turns: [[{ type: "text", text: "got it" }]] });
  term.paste("first line\nsecond line\nthird line");
  await term.waitFor("third line");
  expect(server.requests).toHaveLength(0);
  term.keys("Enter");
  await term.waitFor("got it");
  expect(server.requests).toHaveLength(1);
  expect(lastUserText(server)).toBe("first line\nsecond line\nthird line");
});

test("/help lists every command module", async () => {
  const { term } = await started({ turns: [] });
  term.submit("/help");
  const screen = await term.waitFor("Tools:");
  const names = readdirSync(join(import.meta.dir, "../../commands")).map((f) => f.replace(/\.ts$/, ""));
  for (const name of names) expect(screen).toContain(`/${name}`);
});

test("a custom command from .claude/commands/ completes with its description and runs with its arguments", async () => {
  const work = tempDir("nanocode-repl-");
  mkdirSync(join(work, ".claude", "commands"), { recursive: true });
  writeFileSync(join(work, ".claude", "commands", "greet.md"), "---\ndescription: Greet someone warmly\nargument-hint: <name> <friend>\n---\nSay hello to $ARGUMENTS.\n");
  const { term, server } = await started({ turns: [[{ type: "text", text: "Hello!" }]] }, { work });
  term.type("/gre");
  await term.waitFor("Greet someone warmly");
  term.keys("Tab");
  term.submit("Alice Bob");
  await term.waitFor("Hello!");
  expect(lastUserText(server)).toContain("Say hello to Alice Bob.");
});

test("a narrow, resized terminal: output is wrapped to the new width and the live rows are redrawn once", async () => {
  const table = "| name | description |\n|---|---|\n| alpha | the first letter of the Greek alphabet, used everywhere |\n";
  const { term } = await started({ reply: () => [{ type: "text", text: `Some words that make a paragraph long enough to wrap in a narrow terminal.\n\n${table}` }] });
  term.resize(44, 20);
  term.submit("first");
  const screen = await term.waitFor("└");
  const lines = screen.split("\n");
  const top = lines.find((l) => l.includes("┌"))!;
  expect(top.trim()).toMatch(/^┌─+┬─+┐$/);
  expect(Bun.stringWidth(top)).toBeLessThanOrEqual(44);
  expect(lines.filter((l) => l.includes("│ alpha │")).length).toBe(1);
  term.resize(90, 20);
  term.type("typed after resize");
  await term.waitFor((screen) => screen.includes("> typed after resize") && screen.includes("claude-sonnet-5-5 · 0% context"));
  const visible = term.screen().split("\n");
  expect(visible.filter((l) => l.includes("? /help")).length).toBe(1);
  expect(visible.filter((l) => l.includes("> typed after resize")).length).toBe(1);
  expect(visible.filter((l) => l.includes("┌───────┬")).length).toBe(1);
});

test("hook messages are lines of the transcript, not stray writes that tear the live rows", async () => {
  const work = tempDir("nanocode-repl-");
  mkdirSync(join(work, ".claude"), { recursive: true });
  const hook = (command: string) => [{ hooks: [{ type: "command", command }] }];
  writeFileSync(
    join(work, ".claude/settings.json"),
    JSON.stringify({ hooks: { SessionStart: hook("echo START_BROKEN >&2; exit 1"), UserPromptSubmit: hook("echo UPS_BROKEN >&2; exit 1"), PostToolUse: hook(`echo '{"systemMessage":"POST_NOTE"}'`) } }),
  );
  const { term } = start({ turns: [[{ type: "tool_use", name: "Bash", input: { command: "echo hello" } }], [{ type: "text", text: "All done." }]] }, { work });
  await term.waitFor("START_BROKEN");
  term.submit("run it");
  const screen = await term.waitFor("All done.");
  expect(screen).toContain("⚠ UserPromptSubmit hook [echo UPS_BROKEN >&2; exit 1] failed (exit 1): UPS_BROKEN");
  expect(screen).toContain("⚠ POST_NOTE");
  // Only the finished tool line is in the transcript: no spinner frame left behind.
  expect(screen.split("\n").filter((l) => l.includes("Bash echo hello"))).toEqual(["● Bash echo hello"]);
});
