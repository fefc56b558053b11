import { expect, test } from "bun:test";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { lastUserText, start } from "../support/repl.ts";
import { tempDir } from "../support/tmp.ts";

// Keys and prompts of the compiled binary's REPL in tmux: history across sessions, Ctrl+C,
// Shift+Tab, @file attachments, and AskUserQuestion answered at the keyboard.

test("Up recalls a prompt of an earlier session; Ctrl+C clears the line, twice on an empty line exits", async () => {
  const work = tempDir("nanocode-repl-");
  const config = join(work, ".config");
  const first = start({ reply: () => [{ type: "text", text: "done" }] }, { work, config });
  await first.term.waitFor("/help for commands");
  first.term.type("a prompt worth repeating");
  first.term.keys("Enter");
  await first.term.waitFor("● done");
  first.term.keys("C-d");
  await first.term.waitFor("[exited 0]");

  const { term } = start({ reply: () => [{ type: "text", text: "done" }] }, { work, config });
  await term.waitFor("/help for commands");
  term.keys("Up");
  await term.waitFor("> a prompt worth repeating");
  term.keys("C-c");
  await term.waitFor('> Try "explain this codebase"');
  term.keys("C-c");
  await term.waitFor("Press Ctrl+C again to exit");
  term.keys("C-c");
  await term.waitFor("[exited 0]");
});

test("Shift+Tab cycles the permission mode shown in the status line", async () => {
  const { term } = start({ turns: [] });
  await term.waitFor("/help for commands");
  term.keys("BTab");
  await term.waitFor("accept edits on");
  term.keys("BTab");
  await term.waitFor("plan mode on");
  term.keys("BTab");
  await term.waitFor((s) => !s.includes("plan mode on") && s.includes("? /help"));
});

test("an @file mention completes with Tab and the file is attached to the message", async () => {
  const work = tempDir("nanocode-repl-");
  writeFileSync(join(work, "notes.txt"), "NOTES_MARKER line\n");
  const { term, server } = start({ turns: [[{ type: "text", text: "read it" }]] }, { work });
  await term.waitFor("/help for commands");
  term.type("summarise @not");
  await term.waitFor("notes.txt");
  term.keys("Tab");
  await term.waitFor("> summarise @notes.txt");
  term.keys("Enter");
  await term.waitFor("● read it");
  expect(lastUserText(server)).toContain("NOTES_MARKER");
});

test("AskUserQuestion is answered with the number keys", async () => {
  const question = { question: "Which database should we use?", header: "Database", options: [{ label: "Postgres" }, { label: "SQLite", description: "a single file" }], multiSelect: false };
  const { term, server } = start({ turns: [[{ type: "tool_use", name: "AskUserQuestion", input: { questions: [question] } }], [{ type: "text", text: "Using {{last_tool_result}}" }]] });
  await term.waitFor("/help for commands");
  term.type("set up storage");
  term.keys("Enter");
  await term.waitFor("Which database should we use?");
  term.keys("2");
  await term.waitFor("Using ");
  expect(JSON.stringify(server.requests.at(-1)!.body.messages.at(-1))).toContain('\\"Which database should we use?\\"=\\"SQLite\\"');
});

test("a prompt given on the command line is the first message of the interactive session", async () => {
  const { term, server } = start({ turns: [[{ type: "text", text: "started with it" }]] }, { args: ["explain the project"] });
  await term.waitFor("● started with it");
  expect(lastUserText(server)).toBe("explain the project");
  expect(term.screen()).toContain("> explain the project");
});
