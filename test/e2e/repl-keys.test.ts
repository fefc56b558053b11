import { expect, test } from "bun:test";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { lastUserText, start, started } from "../support/repl.ts";
import { tempDir } from "../support/tmp.ts";

// Keys and prompts of the compiled binary's REPL in tmux: history across sessions, Ctrl+C,
// Shift+Tab, @file attachments, and AskUserQuestion answered at the keyboard.

test("Up recalls a prompt of an earlier session; Ctrl+C clears the line, twice on an empty line exits", async () => {
  const work = tempDir("nanocode-repl-");
  const config = join(work, ".config");
  const first = await started({ reply: () => [{ type: "text", text: "done" }] }, { work, config });
  first.term.submit("a prompt worth repeating");
  await first.term.waitFor("● done");
  first.term.keys("C-d");
  const exited = await first.term.waitFor("[exited 0]");
  expect(exited).toMatch(/Resume this session with: nanocode --resume [0-9a-f-]{36}\n/);

  const { term } = await started({ reply: () => [{ type: "text", text: "done" }] }, { work, config });
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
  const { term } = await started({ turns: [] });
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
  const { term, server } = await started({ turns: [[{ type: "text", text: "read it" }]] }, { work });
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
  const { term, server } = await started({ turns: [[{ type: "tool_use", name: "AskUserQuestion", input: { questions: [question] } }], [{ type: "text", text: "Using {{last_tool_result}}" }]] });
  term.submit("set up storage");
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

test("Esc, Ctrl+C or No without a reason at a permission prompt refuses and stops the turn: nothing runs, nothing more is asked, the session goes on", async () => {
  for (const keys of [["Escape"], ["C-c"], ["3", "Enter"]]) {
    const work = tempDir("nanocode-repl-");
    const { term, server } = await started({ turns: [[{ type: "tool_use", name: "Bash", input: { command: "touch made.txt" } }], [{ type: "text", text: "carrying on" }]] }, { work });
    term.submit("make the file");
    await term.waitFor("Do you want to proceed?");
    term.keys(...keys);
    await term.waitFor("Interrupted · tell nanocode what to do instead");
    expect(server.requests).toHaveLength(1);
    expect(existsSync(join(work, "made.txt"))).toBe(false);
    term.submit("do something else");
    await term.waitFor("carrying on");
    const messages = server.requests.at(-1)!.body.messages;
    expect(JSON.stringify(messages[2]!.content)).toContain("Interrupted by user before it ran: the call was not run.");
    expect(lastUserText(server)).toBe("do something else");
  }
});

test("Esc Esc on an empty prompt opens /rewind; on typed text it clears the line, which Up brings back", async () => {
  const { term } = await started({ reply: () => [{ type: "text", text: "answered" }] });
  term.submit("first prompt");
  await term.waitFor("answered");
  term.type("half-typed thought");
  term.keys("Escape");
  await term.waitFor("Esc again to clear");
  // A key typed between two presses makes them no double press.
  term.keys("x", "Escape");
  await term.waitFor("> half-typed thoughtx");
  // The two presses in one write: separate writes cannot promise to come within the 800 ms of a
  // double press on a loaded machine.
  term.keys("y", "Escape", "Escape");
  await term.waitFor('> Try "explain this codebase"');
  term.keys("Up");
  await term.waitFor("> half-typed thoughtxy");
  term.keys("C-c");
  await term.waitFor('> Try "explain this codebase"');
  term.keys("Escape", "Escape");
  await term.waitFor("Rewind to before which prompt?");
});

test("No with a reason at a permission prompt refuses the call and the turn goes on with the reason", async () => {
  const work = tempDir("nanocode-repl-");
  const { term, server } = await started({ turns: [[{ type: "tool_use", name: "Bash", input: { command: "touch made.txt" } }], [{ type: "text", text: "{{last_tool_result}}" }]] }, { work });
  term.submit("make the file");
  await term.waitFor("Do you want to proceed?");
  term.keys("3");
  term.submit("use the Write tool");
  // The model's next answer repeats the refusal it got.
  await term.waitFor("● The user declined Bash(touch made.txt)");
  expect(server.requests).toHaveLength(2);
  expect(JSON.stringify(server.requests[1]!.body.messages.at(-1))).toContain("They said: use the Write tool");
  expect(existsSync(join(work, "made.txt"))).toBe(false);
});
