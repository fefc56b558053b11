import { expect, test } from "bun:test";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as v from "valibot";
import { defineCommand, defineTool } from "../../src/registry/define.ts";
import { loadRegistry } from "../../src/registry/load.ts";
import { Registry } from "../../src/registry/registry.ts";
import { tempDir } from "../support/tmp.ts";

test("every file in tools/ and commands/ is discovered without being listed anywhere", async () => {
  const { registry, problems } = await loadRegistry({ cwd: tempDir(), home: tempDir(), trusted: true });
  expect(problems).toEqual([]);
  const names = registry.listTools().map((t) => t.tool.name);
  const files = [...new Bun.Glob("*.ts").scanSync(join(import.meta.dir, "../../tools"))];
  expect(names.length).toBe(files.length);
  for (const expected of ["Read", "Write", "Edit", "Bash", "Glob", "Grep"]) expect(names).toContain(expected);
  expect(registry.command("help")).toBeDefined();
});

test("the JSON schema sent to the model comes from the valibot input", () => {
  const registry = new Registry();
  registry.add(
    defineTool({
      name: "T",
      description: "d",
      input: v.object({ path: v.pipe(v.string(), v.description("where")), depth: v.optional(v.number()) }),
      run: () => "",
    }),
    "test",
  );
  expect(registry.specs()[0]!.input_schema).toEqual({
    type: "object",
    properties: { path: { type: "string", description: "where" }, depth: { type: "number" } },
    required: ["path"],
    additionalProperties: false,
  });
});

test("bad shapes and duplicate names are refused with a reason", () => {
  const registry = new Registry();
  const ok = defineTool({ name: "Same", description: "d", input: v.object({}), run: () => "" });
  expect(registry.add(ok, "a")).toBeUndefined();
  expect(registry.add(ok, "b")).toContain('a tool named "Same" already exists (from a)');
  expect(registry.add({ ...ok, name: "has space" }, "c")).toContain("name must be");
  expect(registry.add({ ...ok, name: "NoInput", input: {} as never }, "c")).toContain("input must be a valibot schema");
  expect(registry.add({ ...ok, name: "Str", input: v.string() as never }, "c")).toContain("object schema");
});

test("user modules: several tools per file, named exports, and one line per broken module", async () => {
  const cwd = tempDir();
  const home = tempDir();
  const dir = join(cwd, ".nanocode", "tools");
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "pair.ts"),
    `import { defineTool, v } from "nanocode";
export const One = defineTool({ name: "One", description: "1", input: v.object({}), run: () => "1" });
export const Two = defineTool({ name: "Two", description: "2", input: v.object({}), run: () => "2" });`,
  );
  writeFileSync(join(dir, "syntax.ts"), "export default {");
  writeFileSync(join(dir, "empty.js"), "export const x = 1;");
  writeFileSync(join(dir, "dupe.ts"), `import { defineTool, v } from "nanocode";\nexport default defineTool({ name: "Read", description: "mine", input: v.object({}), run: () => "" });`);
  mkdirSync(join(home, ".nanocode", "tools"), { recursive: true });
  writeFileSync(join(home, ".nanocode", "tools", "user.js"), `import { defineTool, v } from "nanocode";\nexport default defineTool({ name: "Mine", description: "m", input: v.object({}), run: () => "" });`);

  const { registry, problems } = await loadRegistry({ cwd, home, trusted: true });
  const names = registry.listTools().map((t) => t.tool.name);
  expect(names).toContain("One");
  expect(names).toContain("Two");
  expect(names).toContain("Mine");
  expect(problems).toHaveLength(3);
  expect(problems.find((p) => p.includes("syntax.ts"))).toContain("syntax error at line 1");
  expect(problems.find((p) => p.includes("empty.js"))).toContain("exports no tool");
  expect(problems.find((p) => p.includes("dupe.ts"))).toContain('a tool named "Read" already exists (from builtin)');
  for (const p of problems) expect(p).not.toContain("\n");
});

test("sync replaces one source's tools: the same definitions stay put, changed ones update, gone ones leave, others are untouched", () => {
  const tool = (name: string, description = `the ${name} tool`) => defineTool({ name, description, input: v.object({}), run: () => "" });
  const registry = new Registry();
  registry.add(tool("Read"), "builtin");
  const [a, b] = [tool("mcp__s__a"), tool("mcp__s__b")];
  expect(registry.sync("mcp:s", [b, a])).toEqual([]);
  const before = registry.specs();
  expect(registry.sync("mcp:s", [tool("mcp__s__a"), tool("mcp__s__b")])).toEqual([]);
  expect(registry.specs()).toBe(before); // nothing changed: the cached list is the very same
  expect(registry.tool("mcp__s__a")).toBe(a);
  registry.sync("mcp:s", [tool("mcp__s__a", "now different"), tool("mcp__s__c"), tool("Read")]);
  expect(registry.specs().map((s) => [s.name, s.description])).toEqual([
    ["Read", "the Read tool"],
    ["mcp__s__a", "now different"],
    ["mcp__s__c", "the mcp__s__c tool"],
  ]);
  expect(registry.sync("mcp:s", [tool("Read")])).toEqual([{ name: "Read", why: 'a tool named "Read" already exists (from builtin); rename one of them' }]);
});

test("withheld tools leave the specs and lookups, also those that arrive later and in subsets", () => {
  const make = (name: string) => defineTool({ name, description: name, input: v.object({}), run: () => "" });
  const registry = new Registry();
  registry.add(make("Bash"), "test");
  registry.add(make("Read"), "test");
  registry.withhold((name) => name === "Bash" || name.startsWith("mcp__slack__"));
  expect(registry.add(make("mcp__slack__post"), "mcp:slack")).toBeUndefined();
  registry.add(make("mcp__fs__read"), "mcp:fs");
  expect(registry.specs().map((s) => s.name)).toEqual(["Read", "mcp__fs__read"]);
  expect(registry.tool("Bash")).toBeUndefined();
  registry.fallback = (name) => make(name);
  expect(registry.tool("mcp__slack__other")).toBeUndefined();
  expect(registry.subset(() => true).tool("Bash")).toBeUndefined();
});

test("a custom command of a built-in's name or alias takes it: the built-in goes, or loses that alias; a user module's command stays", async () => {
  const { registry } = await loadRegistry({ cwd: tempDir(), home: tempDir(), trusted: true });
  registry.add(defineCommand({ name: "mine", description: "a module's", run: () => "" }), "/p/.nanocode/commands/mine.ts");
  registry.shadowBuiltins(["plan", "quit", "mine"]);
  expect(registry.command("plan")).toBeUndefined();
  expect(registry.command("quit")).toBeUndefined();
  expect(registry.command("exit")?.aliases ?? []).not.toContain("quit");
  expect(registry.command("mine")).toBeDefined();
  expect(registry.listCommands().map((c) => c.command.name)).not.toContain("plan");
});
