import { afterAll, beforeAll, expect, test } from "bun:test";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ensureBinary } from "../../scripts/ensure-binary.ts";
import { runNanocode } from "../support/run.ts";
import { startScriptedServer } from "../support/scripted-server.ts";
import { binaryAlone, tempDir } from "../support/tmp.ts";

// What a user does: download the binary, drop modules into ~/.nanocode/tools. No node_modules
// anywhere except the one a module brings for its own package.
let bin: string;
let home: string;
let work: string;

let removeBinary = () => {};
afterAll(() => removeBinary());

beforeAll(async () => {
  const alone = binaryAlone(await ensureBinary());
  bin = alone.bin;
  removeBinary = alone.remove;
  home = tempDir("nanocode-home-");
  work = tempDir("nanocode-work-");
  const tools = join(home, ".nanocode", "tools");
  mkdirSync(join(tools, "node_modules", "shout-it"), { recursive: true });
  writeFileSync(join(tools, "node_modules", "shout-it", "package.json"), `{ "name": "shout-it", "version": "1.0.0", "main": "index.js" }`);
  writeFileSync(join(tools, "node_modules", "shout-it", "index.js"), `module.exports = (s) => s.toUpperCase() + "!";`);
  writeFileSync(
    join(tools, "shout.ts"),
    `import { defineTool, exec, v } from "nanocode";
import shout from "shout-it";
export default defineTool({
  name: "Shout",
  description: "Shouts a word",
  input: v.object({ word: v.string() }),
  readOnly: true,
  async run({ word }, ctx) {
    const { stdout } = await exec(["echo", word], { cwd: ctx.cwd, signal: ctx.signal });
    return shout(stdout.trim());
  },
});
`,
  );
  copyFileSync(join(import.meta.dir, "../../examples/tools/sqlite-query.ts"), join(tools, "sqlite-query.ts"));
  writeFileSync(join(tools, "broken.ts"), `import { defineTool } from "nanocode";\nexport default defineTool({ name: "Broken", run: () => { return (; } });\n`);
});

test("a tool in ~/.nanocode/tools runs from the lone binary; a broken one is one line and skipped", async () => {
  const server = startScriptedServer({ turns: [[{ type: "tool_use", name: "Shout", input: { word: "hello" } }], [{ type: "text", text: "{{last_tool_result}}" }]], workdir: work, home });
  const { stdout, stderr, code } = await runNanocode(["-p", "shout hello"], { bin, cwd: work, env: { HOME: home, ANTHROPIC_API_KEY: "k", ANTHROPIC_BASE_URL: server.url } });
  server.stop();
  expect(stdout).toBe("HELLO!\n");
  expect(code).toBe(0);
  expect(stderr).toBe("nanocode: ~/.nanocode/tools/broken.ts: syntax error at line 2, column 66: Unexpected ; (fix the code; the other modules still load)\n");
  expect(server.requests[0]!.body.tools!.map((t) => t.name)).toEqual(expect.arrayContaining(["Shout", "SqliteQuery", "Read"]));
});

test("nanocode tools lists every tool with where it comes from", async () => {
  const { stdout, code } = await runNanocode(["tools"], { bin, cwd: work, env: { HOME: home } });
  expect(code).toBe(0);
  const rows = Object.fromEntries(stdout.trim().split("\n").map((line) => [line.split(/\s+/)[0], line]));
  expect(rows.Read).toMatch(/read-only\s+builtin$/);
  expect(rows.Bash).toMatch(/builtin$/);
  expect(rows.Shout).toMatch(/read-only\s+~\/\.nanocode\/tools\/shout\.ts$/);
  expect(rows.SqliteQuery).toMatch(/~\/\.nanocode\/tools\/sqlite-query\.ts$/);
  expect(rows.Broken).toBeUndefined();
  // No language server for this folder: the LSP tool is not offered, so not listed.
  expect(rows.LSP).toBeUndefined();
});
