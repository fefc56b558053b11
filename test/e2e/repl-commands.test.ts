import { expect, test } from "bun:test";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { cwdSlug } from "../../src/config/paths.ts";
import { runNanocode } from "../support/run.ts";
import { lastUserText, start, started } from "../support/repl.ts";
import { startScriptedServer } from "../support/scripted-server.ts";
import { put, tempDir } from "../support/tmp.ts";

// Slash commands and the ! and # prefixes in the compiled binary's REPL, in tmux.

test("/resume reopens the previous session of the directory", async () => {
  const work = tempDir("nanocode-repl-");
  const config = join(work, ".config");
  const first = await started({ turns: [[{ type: "text", text: "Noted the word." }]] }, { work, config });
  first.term.submit("remember the word apple");
  await first.term.waitFor("Noted the word.");
  first.term.submit("/exit");
  await first.term.waitFor("[exited 0]");

  const second = await started({ reply: () => [{ type: "text", text: "The word was apple." }] }, { work, config });
  second.term.submit("/resume");
  await second.term.waitFor("Resume which conversation?");
  second.term.keys("Enter");
  await second.term.waitFor("Resumed");
  second.term.submit("what was the word?");
  await second.term.waitFor("The word was apple.");
  const messages = second.server.requests.at(-1)!.body.messages;
  expect(messages.map((m) => m.role)).toEqual(["user", "assistant", "user"]);
  expect(JSON.stringify(messages[0]!.content)).toContain("remember the word apple");
});

test("--resume without an id opens the /resume picker first; a word narrows it; --fork-session forks the pick", async () => {
  const work = tempDir("nanocode-repl-");
  const config = join(work, ".config");
  const earlier = startScriptedServer({ reply: () => [{ type: "text", text: "noted" }], workdir: work });
  const env = { HOME: work, NANOCODE_CONFIG_DIR: config, ANTHROPIC_API_KEY: "sk-test", ANTHROPIC_BASE_URL: earlier.url };
  for (const prompt of ["remember apple", "remember banana"]) await runNanocode(["-p", prompt], { cwd: work, env });
  earlier.stop();
  const sessions = join(config, "projects", cwdSlug(work));
  const files = () => readdirSync(sessions).filter((name) => name.endsWith(".jsonl")).sort();
  const before = files();

  const first = start({ reply: () => [{ type: "text", text: "resumed answer" }] }, { work, config, args: ["--resume"] });
  const picker = await first.term.waitFor("Resume which conversation?");
  expect(picker.indexOf("remember banana")).toBeLessThan(picker.indexOf("remember apple"));
  first.term.keys("Down", "Enter");
  await first.term.waitFor("Resumed");
  first.term.submit("and now?");
  await first.term.waitFor("resumed answer");
  expect(JSON.stringify(first.server.requests.at(-1)!.body.messages[0])).toContain("remember apple");
  first.term.keys("C-d");
  await first.term.waitFor("[exited 0]");
  expect(files()).toEqual(before);

  const second = start({ reply: () => [{ type: "text", text: "forked answer" }] }, { work, config, args: ["-r", "banana", "--fork-session"] });
  const narrowed = await second.term.waitFor('(matching "banana")');
  expect(narrowed).not.toContain("remember apple");
  second.term.keys("Enter");
  await second.term.waitFor("as a new session");
  second.term.submit("go on");
  await second.term.waitFor("forked answer");
  expect(JSON.stringify(second.server.requests.at(-1)!.body.messages[0])).toContain("remember banana");
  expect(files()).toHaveLength(before.length + 1);
});

test("/rewind undoes the session's file edits and the conversation, and puts the prompt back", async () => {
  const { term, server, work } = await started(
    {
      reply: (_request, index) =>
        index === 0 ? [{ type: "tool_use", name: "Write", input: { file_path: "$WORKDIR/notes.md", content: "line one\nline two\n" } }] : [{ type: "text", text: `answer ${index}` }],
    },
    { args: ["--permission-mode", "acceptEdits"] },
  );
  term.submit("write the notes");
  await term.waitFor("answer 1");
  expect(existsSync(join(work, "notes.md"))).toBe(true);
  term.submit("/diff");
  await term.waitFor("notes.md (new)");
  await term.waitFor("+ line two");
  term.submit("/rewind");
  await term.waitFor("Rewind to before which prompt?");
  term.keys("Enter");
  await term.waitFor("Restore what?");
  term.keys("1");
  await term.waitFor("deleted notes.md");
  expect(existsSync(join(work, "notes.md"))).toBe(false);
  expect(term.screen()).toContain("> write the notes");
  term.keys("Enter");
  await term.waitFor("answer 2");
  expect(server.requests.at(-1)!.body.messages).toHaveLength(1);
});

test("/model switches the model; /cost and /context report the session", async () => {
  const { term, server } = await started({ reply: () => [{ type: "text", text: "ok" }] });
  term.submit("/model haiku");
  await term.waitFor("Model set to claude-haiku-5-5");
  term.submit("hello");
  await term.waitFor("● ok");
  expect(server.requests.at(-1)!.body.model).toBe("claude-haiku-5-5");
  term.submit("/cost");
  await term.waitFor("Total cost:");
  term.submit("/context");
  const screen = await term.waitFor("Free");
  expect(screen).toContain("System prompt");
  expect(screen).toMatch(/\/ 1000\.0k tokens/);
});

test("!command runs in the shell and goes along with the next prompt; #note is saved to memory", async () => {
  const { term, server, work } = await started({ reply: () => [{ type: "text", text: "seen" }] });
  term.submit("!echo from-the-shell");
  await term.waitFor("⎿  from-the-shell");
  term.submit("#always run the linter");
  await term.waitFor("Where should nanocode remember");
  term.keys("1");
  await term.waitFor("Noted in NANOCODE.md");
  expect(readFileSync(join(work, "NANOCODE.md"), "utf8")).toBe("- always run the linter\n");
  term.submit("what did I run?");
  await term.waitFor("● seen");
  expect(lastUserText(server)).toContain("<bash-input>echo from-the-shell</bash-input>");
  expect(lastUserText(server)).toContain("from-the-shell\n</bash-stdout>");
});

test("#note to a memory file that cannot be written is one line saying why; the session goes on", async () => {
  const work = tempDir("nanocode-repl-");
  mkdirSync(join(work, "NANOCODE.md"));
  const { term } = await started({ reply: () => [{ type: "text", text: "still here" }] }, { work });
  term.submit("#always run the linter");
  await term.waitFor("Where should nanocode remember");
  term.keys("1");
  await term.waitFor(`✗ Not saved: ${join(work, "NANOCODE.md")}: is a directory, not a file (EISDIR)`);
  term.submit("hello");
  await term.waitFor("● still here");
});

test("NO_COLOR: no colour codes on screen; piped stdin without -p is print mode with no escape codes", async () => {
  const { term } = await started({ reply: () => [{ type: "text", text: "**plain**" }] }, { env: { NO_COLOR: "1" } });
  term.submit("hi");
  await term.waitFor("● plain");
  expect(term.screen(true)).not.toMatch(/\x1b\[[0-9;]*m/);

  const work = tempDir("nanocode-pipe-");
  const server = startScriptedServer({ turns: [[{ type: "text", text: "# Title\n**bold**" }]] });
  const piped = await runNanocode([], { cwd: work, stdin: "hello", env: { ANTHROPIC_API_KEY: "k", ANTHROPIC_BASE_URL: server.url, NANOCODE_CONFIG_DIR: join(work, ".c") } });
  server.stop();
  expect(piped.stdout).toBe("# Title\n**bold**\n");
  expect(piped.stdout + piped.stderr).not.toContain("\x1b");
});

test("/clear starts a new conversation: SessionEnd says clear, SessionStart says clear, and nothing earlier is sent", async () => {
  const work = tempDir("nanocode-repl-");
  const log = (what: string) => [{ hooks: [{ type: "command", command: `printf '%s\\n' "${what}:$(jq -r '.source // .reason' 2>/dev/null || cat)" >> "$CLAUDE_PROJECT_DIR/events.log"` }] }];
  put(join(work, ".claude/settings.json"), JSON.stringify({ hooks: { SessionStart: log("start"), SessionEnd: log("end") } }));
  const { term, server } = await started({ reply: (_r, i) => [{ type: "text", text: `answer ${i}` }] }, { work });
  term.submit("first conversation");
  await term.waitFor("answer 0");
  term.submit("/clear");
  term.submit("second conversation");
  await term.waitFor("answer 1");
  expect(server.requests.at(-1)!.body.messages).toHaveLength(1);
  const events = () => readFileSync(join(work, "events.log"), "utf8");
  // SessionEnd runs beside the new session's start: wait for its line.
  for (let i = 0; i < 200 && !events().includes("end:"); i++) await Bun.sleep(25);
  expect(events()).toContain("start:startup\n");
  expect(events()).toContain("end:clear\n");
  expect(events()).toContain("start:clear\n");
});
