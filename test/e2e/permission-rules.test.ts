// Where permission rules come from and what their paths mean, through the compiled binary.

import { afterEach, expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { runNanocode } from "../support/run.ts";
import { type ScriptedServer, startScriptedServer } from "../support/scripted-server.ts";
import { put, tempDir } from "../support/tmp.ts";

let server: ScriptedServer | undefined;
afterEach(() => server?.stop());

const write = (path: string) => [{ type: "tool_use" as const, name: "Write", input: { file_path: path, content: "x\n" } }];

test("/path in a rule is relative to its settings file's root: the project's own, or ~/.nanocode for the user's", async () => {
  const work = tempDir("nanocode-rules-");
  const home = tempDir("nanocode-home-");
  put(join(home, ".nanocode/settings.json"), JSON.stringify({ permissions: { allow: ["Edit(/src/**)"] } }));
  put(join(work, ".claude/settings.json"), JSON.stringify({ permissions: { allow: ["Edit(/lib/**)"] } }));
  // The user trusts the project, so its allow rule applies.
  put(join(home, ".nanocode/trusted-folders.json"), JSON.stringify({ folders: [work] }));
  server = startScriptedServer({ turns: [write("$WORKDIR/lib/ok.txt"), write("$WORKDIR/src/no.txt"), [{ type: "text", text: "done" }]], workdir: work, home });
  const env = { HOME: home, ANTHROPIC_API_KEY: "sk-test", ANTHROPIC_BASE_URL: server.url };
  const out = await runNanocode(["-p", "write both", "--output-format", "json"], { cwd: work, env });
  expect(existsSync(join(work, "lib/ok.txt"))).toBe(true);
  // The user's Edit(/src/**) means ~/.nanocode/src/**, so a write to <project>/src asks, and print mode refuses it.
  expect(existsSync(join(work, "src/no.txt"))).toBe(false);
  expect(JSON.parse(out.stdout).permission_denials.map((d: { tool_input: { file_path: string } }) => d.tool_input.file_path)).toEqual([join(work, "src/no.txt")]);

  const listed = await runNanocode(["-p", "/permissions"], { cwd: work, env });
  expect(listed.stdout).toContain("Mode: default");
  expect(listed.stdout).toContain(`Edit(/lib/**)  ${join(work, ".claude/settings.json")}`);
  expect(listed.stdout).toContain(`Edit(/src/**)  ${join(home, ".nanocode/settings.json")}`);
});
