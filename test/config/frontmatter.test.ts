// Frontmatter as Claude Code reads it: strict YAML first, then its lenient reading, a list or a
// `{{placeholder}}` where a string is meant taken as written, and never a word from the library.
import { afterEach, expect, test } from "bun:test";
import * as yamlLibrary from "yaml";
import { AgentFrontmatter } from "../../src/agents/definitions.ts";
import { parseDocument } from "../../src/config/frontmatter.ts";
import { quietYaml } from "../../src/config/yaml.ts";
import { Frontmatter } from "../../src/skills/frontmatter.ts";

const yaml = quietYaml(yamlLibrary);
const skill = (block: string) => parseDocument(`---\n${block}\n---\nbody\n`, Frontmatter, yaml);
const agent = (block: string) => parseDocument(`---\n${block}\n---\nbody\n`, AgentFrontmatter, yaml);

const emitWarning = process.emitWarning;
afterEach(() => {
  process.emitWarning = emitWarning;
});

test("an unquoted description holding ': ' is that line's text, the other fields still read", () => {
  expect(agent("name: ml-engineer\ndescription: Use for ML work. This includes: (1) training, (2) serving\ntools: Read, Grep\nmodel: sonnet")).toEqual({
    frontmatter: { name: "ml-engineer", description: "Use for ML work. This includes: (1) training, (2) serving", tools: ["Read", "Grep"], model: "sonnet" },
    body: "body\n",
    problems: [],
  });
  expect(skill("description: Triggers on: 'deploy', 'ship it'\nallowed-tools:\n  - Bash(git push:*)\n  - Read").frontmatter).toEqual({
    description: "Triggers on: 'deploy', 'ship it'",
    "allowed-tools": ["Bash(git push:*)", "Read"],
  });
});

test("a YAML list or mapping where a string is meant is the text as written", () => {
  expect(skill("argument-hint: [a] [b]\ndescription: two args").frontmatter).toEqual({ "argument-hint": "[a] [b]", description: "two args" });
  expect(skill("argument-hint: [file]").frontmatter).toEqual({ "argument-hint": "[file]" });
  expect(skill("argument-hint: [pr-number] [priority] [assignee]").frontmatter).toEqual({ "argument-hint": "[pr-number] [priority] [assignee]" });
  expect(skill("description: {{placeholder}}\nmodel: {{model}}").frontmatter).toEqual({ description: "{{placeholder}}", model: "{{model}}" });
});

test("the library says nothing of its own: no process warning for a collection key or a repeated key", () => {
  const warnings: unknown[] = [];
  process.emitWarning = ((w: unknown) => void warnings.push(w)) as typeof process.emitWarning;
  expect(skill("description: {{x}}: {{y}}").problems).toEqual([]);
  expect(skill("description: first\ndescription: second").frontmatter).toEqual({ description: "second" });
  expect(skill("name: a\n? [complex, key]\n: value").frontmatter).toEqual({ name: "a" });
  expect(warnings).toEqual([]);
});

test("names with spaces, empty fields and CRLF files load in silence", () => {
  expect(skill("name: PDF Form Filler\ndescription: fills forms").frontmatter).toEqual({ name: "PDF Form Filler", description: "fills forms" });
  expect(agent("name: Code Reviewer\ndescription: reviews").frontmatter).toEqual({ name: "Code Reviewer", description: "reviews" });
  expect(skill("description: x\nallowed-tools:\nargument-hint:\nmodel: ''")).toMatchObject({ frontmatter: { description: "x" }, problems: [] });
  expect(parseDocument("---\r\ndescription: windows: yes\r\ntools: Read\r\n---\r\nbody", AgentFrontmatter, yaml)).toMatchObject({ frontmatter: { description: "windows: yes", tools: ["Read"] }, body: "body" });
});

test("a number or yes/no written in quotes is that number or yes/no", () => {
  expect(agent('name: r\ndescription: d\nmaxTurns: "5"\nbackground: "true"').frontmatter).toEqual({ name: "r", description: "d", maxTurns: 5, background: true });
  expect(skill("disable-model-invocation: 'false'\nuser-invocable: true").frontmatter).toEqual({ "disable-model-invocation": false, "user-invocable": true });
});

test("a field no reading makes valid is one line naming it, and the rest still loads", () => {
  expect(agent("name: r\ndescription: d\nmaxTurns: lots\neffort: extreme")).toEqual({
    frontmatter: { name: "r", description: "d" },
    body: "body\n",
    problems: ['frontmatter field "maxTurns" must be a number; that field is ignored', 'frontmatter field "effort" must be low, medium, high, xhigh or max; that field is ignored'],
  });
});
