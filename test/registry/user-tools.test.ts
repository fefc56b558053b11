import { expect, test } from "bun:test";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { extensionDirs } from "../../src/config/extension-dirs.ts";
import { exec } from "../../src/registry/exec.ts";
import { loadRegistry } from "../../src/registry/load.ts";
import { drive, registryOf, scriptedProvider } from "../support/agent.ts";
import { put, tempDir } from "../support/tmp.ts";

const toolModule = (name: string, body = `"${name} ran"`) =>
  `import { defineTool, v } from "nanocode";\nexport default defineTool({ name: "${name}", description: "d", input: v.object({}), readOnly: true, run: () => ${body} });\n`;

test("tools come from HOME and from every .nanocode/ and .claude/ between the git root and cwd", async () => {
  const home = tempDir();
  const outside = tempDir();
  const root = join(outside, "repo");
  const cwd = join(root, "packages", "app");
  mkdirSync(join(root, ".git"), { recursive: true });
  put(join(outside, ".nanocode", "tools", "above.ts"), toolModule("AboveRoot"));
  put(join(home, ".nanocode", "tools", "mine.ts"), toolModule("Mine"));
  put(join(root, ".claude", "tools", "root.ts"), toolModule("AtRoot"));
  put(join(root, "packages", ".nanocode", "tools", "mid.js"), toolModule("Middle"));
  put(join(cwd, ".nanocode", "tools", "here.ts"), toolModule("Here"));
  put(join(cwd, ".nanocode", "commands", "hi.ts"), `import { defineCommand } from "nanocode";\nexport default defineCommand({ name: "hi", description: "d", run: () => "hi" });\n`);

  const { registry, problems } = await loadRegistry({ cwd, home, trusted: true });
  expect(problems).toEqual([]);
  const sources = Object.fromEntries(registry.listTools().map((t) => [t.tool.name, t.source]));
  expect(sources).toMatchObject({ Mine: "~/.nanocode/tools/mine.ts", Here: ".nanocode/tools/here.ts", Middle: join(root, "packages/.nanocode/tools/mid.js"), AtRoot: join(root, ".claude/tools/root.ts") });
  expect(sources.AboveRoot).toBeUndefined();
  expect(registry.command("hi")).toBeDefined();
  // Closest first, .nanocode before .claude: the first definition of a name wins.
  expect(extensionDirs("tools", cwd, home).map((d) => d.dir)).toEqual([join(home, ".nanocode/tools"), join(cwd, ".nanocode/tools"), join(root, "packages/.nanocode/tools"), join(root, ".claude/tools")]);
});

test("a broken module is one line naming the file, the cause and the fix; the rest load", async () => {
  const cwd = tempDir();
  const dir = join(cwd, ".nanocode", "tools");
  put(join(dir, "syntax.ts"), `import { defineTool, v } from "nanocode";\nexport default defineTool({ run: () => { return (; } });\n`);
  put(join(dir, "package.ts"), `import pad from "left-pad-nowhere";\nexport default pad;\n`);
  put(join(dir, "relative.ts"), `import x from "./nope.ts";\nexport default x;\n`);
  put(join(dir, "throws.ts"), `throw new Error("no config file");\n`);
  put(join(dir, "shape.ts"), `import { defineTool, v } from "nanocode";\nexport default defineTool({ name: "NoRun", description: "d", input: v.object({}) } as never);\n`);
  put(join(dir, "good.ts"), toolModule("Good"));
  const { registry, problems } = await loadRegistry({ cwd, home: tempDir(), trusted: true });
  expect(registry.tool("Good")).toBeDefined();
  const about = (file: string) => problems.filter((p) => p.startsWith(`.nanocode/tools/${file}: `));
  expect(about("syntax.ts")).toEqual([".nanocode/tools/syntax.ts: syntax error at line 2, column 50: Unexpected ; (fix the code; the other modules still load)"]);
  expect(about("package.ts")[0]).toContain(`cannot find package "left-pad-nowhere" (run \`bun add left-pad-nowhere\` in ${dir}`);
  expect(about("relative.ts")[0]).toContain(`cannot find "./nope.ts" (a relative import is resolved from ${dir})`);
  expect(about("throws.ts")).toEqual([".nanocode/tools/throws.ts: threw while loading: no config file (a module should only define tools at the top level; do the work inside run)"]);
  expect(about("shape.ts")).toEqual(['.nanocode/tools/shape.ts: tool "NoRun" skipped: run must be a function (input, ctx) => result']);
  expect(problems).toHaveLength(5);
});

test("a module imports its own packages from a node_modules next to it", async () => {
  const cwd = tempDir();
  const dir = join(cwd, ".nanocode", "tools");
  put(join(dir, "node_modules", "shout-it", "package.json"), `{ "name": "shout-it", "version": "1.0.0", "main": "index.js" }`);
  put(join(dir, "node_modules", "shout-it", "index.js"), `module.exports = (s) => s.toUpperCase() + "!";`);
  put(join(dir, "loud.ts"), `import { defineTool, v } from "nanocode";\nimport shout from "shout-it";\nexport default defineTool({ name: "Loud", description: "d", input: v.object({ s: v.string() }), run: ({ s }) => shout(s) });\n`);
  const { registry, problems } = await loadRegistry({ cwd, home: tempDir(), trusted: true });
  expect(problems).toEqual([]);
  expect(await registry.tool("Loud")!.run({ s: "hey" }, {} as never)).toBe("HEY!");
});

test("exec runs a shell string or an argv, reports failure, and kills on timeout and abort", async () => {
  expect(await exec("echo out; echo err >&2; exit 3")).toEqual({ stdout: "out\n", stderr: "err\n", exitCode: 3, signal: null, timedOut: false });
  expect((await exec(["printf", "%s", "a b"])).stdout).toBe("a b");
  expect((await exec("cat", { stdin: "piped" })).stdout).toBe("piped");
  const slow = await exec("sleep 30", { timeoutMs: 50 });
  expect(slow).toMatchObject({ timedOut: true, signal: "SIGKILL", exitCode: null });
  const controller = new AbortController();
  const running = exec(["sleep", "30"], { signal: controller.signal });
  controller.abort();
  expect((await running).signal).toBe("SIGKILL");
});

test("ctx.ask resolves false when the gate cannot ask (print mode), and true when it says yes", async () => {
  const { defineTool, v } = await import("nanocode");
  const asker = defineTool({ name: "Asker", description: "d", input: v.object({}), run: async (_i, ctx) => `answer: ${await ctx.ask("Proceed?")}` });
  const turns = [[{ type: "tool_use" as const, id: "t1", name: "Asker", input: {} }], [{ type: "text" as const, text: "ok" }]];
  const printMode = await drive(scriptedProvider(turns), registryOf(asker));
  expect(JSON.stringify(printMode.messages[2])).toContain("answer: false");
  const questions: string[] = [];
  const yes = await drive(scriptedProvider(turns), registryOf(asker), {
    permissions: { check: async () => ({ behavior: "allow" }), ask: async ({ question }) => (questions.push(question), true) },
  });
  expect(JSON.stringify(yes.messages[2])).toContain("answer: true");
  expect(questions).toEqual(["Proceed?"]);
});
