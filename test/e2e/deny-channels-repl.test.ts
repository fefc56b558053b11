// The REPL in tmux with a Read(./secrets/**) deny rule: a mention of the secret is not attached and
// the transcript says so; a command that may copy it is put to the person instead of running.
import { expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { lastUserText, started } from "../support/repl.ts";
import { put, tempDir } from "../support/tmp.ts";

const SECRET = "SK-REPL-SECRET-77";

function project(): string {
  // Inside a folder of its own, so `..` is a throwaway folder too.
  const work = join(tempDir("nanocode-repl-deny-"), "project");
  put(join(work, "secrets/key.txt"), `${SECRET}\n`);
  put(join(work, "pub.txt"), "PUBLIC_TEXT\n");
  return work;
}

test("@secrets/key.txt typed in the REPL is left out with one line in the transcript", async () => {
  const work = project();
  const { term, server } = await started({ turns: [[{ type: "text", text: "answered" }]] }, { work, args: ["--disallowedTools", "Read(./secrets/**)"] });
  term.submit("compare @secrets/key.txt with @pub.txt please");
  const screen = await term.waitFor("answered");
  expect(screen).toContain("@secrets/key.txt was not attached: a Read deny rule hides secrets/key.txt");
  expect(lastUserText(server)).toContain("PUBLIC_TEXT");
  expect(JSON.stringify(server.requests.map((r) => r.body))).not.toContain(SECRET);
});

test("an allowed cp of a folder holding the secret asks the person; refused, no copy is made", async () => {
  const work = project();
  const { term, server } = await started(
    { turns: [[{ type: "tool_use", name: "Bash", input: { command: "cp -r . ../repl-copy" } }]] },
    { work, args: ["--disallowedTools", "Read(./secrets/**)", "--allowedTools", "Bash(cp:*)"] },
  );
  term.submit("copy the project");
  const prompt = await term.waitFor("Do you want to proceed?");
  expect(prompt).toContain("holds files the deny rule");
  term.keys("Escape");
  await term.waitFor("Interrupted by user before it ran");
  expect(existsSync(join(work, "../repl-copy"))).toBe(false);
  expect(JSON.stringify(server.requests.map((r) => r.body))).not.toContain(SECRET);
});
