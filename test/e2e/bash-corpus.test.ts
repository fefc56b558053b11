// Every corpus command issued as a Bash tool call through the compiled binary in print mode, with
// no permission flags: the yes-list runs without a prompt, the no-list never runs (its side
// effects would show in a folder of canary files) and each is listed in permission_denials.

import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { corpus } from "../support/corpus.ts";
import { runCalls, runShellCalls, shellProject, snapshot, stopShellServer } from "../support/shell-calls.ts";

afterAll(stopShellServer);

let yesDir: string;
let noDir: string;
beforeAll(() => {
  yesDir = shellProject();
  noDir = shellProject();
});

test("the yes-list runs without a prompt, in print mode with no permission flags", async () => {
  const commands = corpus("bash-readonly-yes.txt");
  const { stderr, result, results } = await runShellCalls(commands, yesDir);
  expect(stderr).toBe("");
  expect(results).toHaveLength(commands.length);
  expect(result.permission_denials).toEqual([]);
  const refused = commands.filter((_, i) => results[i]!.includes("Permission to run"));
  expect(refused).toEqual([]);
  // They really ran: a few results only the real programs produce.
  expect(results[commands.indexOf("cat README.md")]).toBe("# demo");
  expect(results[commands.indexOf("git rev-parse --show-toplevel")]).toBe(yesDir);
  expect(results[commands.indexOf("jq .name package.json")]).toBe('"demo"');
  expect(results[commands.indexOf("grep -c import src/cli.ts && echo done")]).toBe("1\ndone");
}, 120_000);

test("the no-list never runs: every call is denied, listed, and nothing in the folder changes", async () => {
  const commands = corpus("bash-readonly-no.txt");
  const before = snapshot(noDir);
  const { stderr, result, results } = await runShellCalls(commands, noDir);
  expect(stderr).toBe("");
  expect(snapshot(noDir)).toEqual(before);
  const ran = commands.filter((_, i) => !results[i]!.startsWith("Permission to run"));
  expect(ran).toEqual([]);
  expect(result.permission_denials.map((d: { tool_input: { command: string } }) => d.tool_input.command)).toEqual(commands);
  expect(result.result).toBe("finished");
}, 120_000);

test("a Read deny rule hides the path from Read, Grep, Glob and read-only shell commands alike", async () => {
  const dir = shellProject();
  mkdirSync(join(dir, "secrets"));
  writeFileSync(join(dir, "secrets/key.txt"), "SECRET_VALUE\n");
  writeFileSync(join(dir, "public.txt"), "SECRET_VALUE is not here\n");
  mkdirSync(join(dir, ".nanocode"));
  writeFileSync(join(dir, ".nanocode/settings.json"), JSON.stringify({ permissions: { deny: ["Read(./secrets/**)"] } }));
  const { result, results: texts } = await runCalls(
    [
      [{ type: "tool_use", name: "Read", input: { file_path: "$WORKDIR/secrets/key.txt" } }],
      [{ type: "tool_use", name: "Grep", input: { pattern: "SECRET_VALUE", output_mode: "content" } }],
      [{ type: "tool_use", name: "Glob", input: { pattern: "**/*.txt" } }],
      [{ type: "tool_use", name: "Bash", input: { command: "grep -r SECRET_VALUE ." } }],
      [{ type: "tool_use", name: "Bash", input: { command: "cat secrets/key.txt" } }],
    ],
    dir,
  );
  expect(texts[0]).toContain("denied");
  expect(texts[1]).toContain("public.txt");
  expect(texts[2]).toContain("public.txt");
  expect(texts[2]).not.toContain("secrets");
  expect(texts[3]).toStartWith("Permission to run");
  expect(texts[4]).toContain("a deny rule hides");
  // The secret's line never reaches the model: not as Read output, a Grep match or shell output.
  expect(texts.join("\n")).not.toMatch(/key\.txt:|^(\d+\t)?SECRET_VALUE$/m);
  expect(result.permission_denials).toHaveLength(3);
});
