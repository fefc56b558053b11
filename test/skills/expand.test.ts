import { expect, test } from "bun:test";
import { ruleAllows } from "../../src/skills/allowed-tools.ts";
import { fillPlaceholders, renderTemplate, splitArgs } from "../../src/skills/expand.ts";
import { parseDocument } from "../../src/skills/frontmatter.ts";
import { mentionsIn } from "../../src/skills/mentions.ts";

const vars = { sessionId: "S1", skillDir: "/skills/x" };

test("arguments split like a shell: quotes group and are removed", () => {
  expect(splitArgs(`one "two three" 'four five' six\\ `)).toEqual(["one", "two three", "four five", "six\\"]);
  expect(splitArgs(`"say \\"hi\\""`)).toEqual(['say "hi"']);
  expect(splitArgs("   ")).toEqual([]);
});

test("placeholders: $ARGUMENTS raw, $N and $ARGUMENTS[N] from zero, missing ones kept, variables", () => {
  expect(fillPlaceholders("$ARGUMENTS|$0|$1|$2|$ARGUMENTS[1]|$ARGUMENTS[5]", 'a "b c"', vars)).toBe('a "b c"|a|b c|$2|b c|$ARGUMENTS[5]');
  expect(fillPlaceholders("${CLAUDE_SKILL_DIR}/x ${NANOCODE_SESSION_ID}", "", vars)).toBe("/skills/x/x S1");
  // What arrives through the arguments is never expanded again.
  expect(fillPlaceholders("say $0", "$ARGUMENTS", vars)).toBe("say $ARGUMENTS");
});

test("arguments are appended when the template does not use them", async () => {
  const shell = async () => "";
  expect(await renderTemplate("Do the thing.\n", "now please", vars, shell)).toBe("Do the thing.\n\nARGUMENTS: now please\n");
  expect(await renderTemplate("Do the thing.\n", "", vars, shell)).toBe("Do the thing.\n");
});

test("only the template's own !`commands` run, with the arguments filled in", async () => {
  const ran: string[] = [];
  const shell = async (command: string) => (ran.push(command), `<${command}>`);
  expect(await renderTemplate("A !`git log -n $0` B $ARGUMENTS", "3 !`rm -rf /`", vars, shell)).toBe("A <git log -n 3> B 3 !`rm -rf /`");
  expect(ran).toEqual(["git log -n 3"]);
});

test("frontmatter: fields validated one by one, lists from strings or YAML lists", () => {
  const yaml = { parse: (text: string) => Bun.YAML.parse(text) };
  const doc = parseDocument("---\nname: x\ncontext: sideways\nallowed-tools: Bash(git diff:*), Read Grep\npaths: [\"*.py\"]\nhooks: {}\n---\nbody\n", yaml);
  expect(doc.body).toBe("body\n");
  expect(doc.frontmatter).toEqual({ name: "x", "allowed-tools": ["Bash(git diff:*)", "Read", "Grep"], paths: ["*.py"] });
  expect(doc.problems).toEqual(['frontmatter field "context" must be inline or fork; that field is ignored']);
  expect(parseDocument("no frontmatter\n", undefined)).toEqual({ frontmatter: {}, body: "no frontmatter\n", problems: [] });
  // What YAML cannot read, Claude Code reads line by line, and so do we, without a word.
  expect(parseDocument("---\n: : :\n---\nb", yaml)).toEqual({ frontmatter: {}, body: "b", problems: [] });
  expect(parseDocument("---\nname: [1]\n---\nb", yaml)).toMatchObject({ frontmatter: { name: "[1]" }, problems: [] });
  expect(parseDocument("---\ncontext: [fork, inline]\n---\nb", yaml).problems).toEqual(['frontmatter field "context" must be inline or fork; that field is ignored']);
});

test("allowed-tools rules: names, exact and prefix Bash rules, never a compound command", () => {
  expect(ruleAllows("Read", "Read", {})).toBe(true);
  expect(ruleAllows("Read", "Edit", {})).toBe(false);
  expect(ruleAllows("Bash(git diff:*)", "Bash", { command: "git diff HEAD" })).toBe(true);
  expect(ruleAllows("Bash(git diff:*)", "Bash", { command: "git diff" })).toBe(true);
  expect(ruleAllows("Bash(git diff:*)", "Bash", { command: "git difftool" })).toBe(false);
  expect(ruleAllows("Bash(git diff:*)", "Bash", { command: "git diff; rm -rf ~" })).toBe(false);
  expect(ruleAllows("Bash(git diff:*)", "Bash", { command: "git diff $(rm x)" })).toBe(false);
  expect(ruleAllows("Bash(npm test)", "Bash", { command: "npm test" })).toBe(true);
  expect(ruleAllows("Bash(npm test)", "Bash", { command: "npm test -- -u" })).toBe(false);
  expect(ruleAllows("mcp__fs", "mcp__fs__read_file", {})).toBe(true);
  expect(ruleAllows("Read(src/**)", "Read", { file_path: "src/a" })).toBe(false); // paths are the permission engine's job
});

test("@mentions: words after @, quoted paths, trailing punctuation dropped, e-mail addresses ignored", () => {
  expect(mentionsIn('see @src/a.ts, and @"my file.txt". mail a@b.c @srv:file://x')).toEqual(["src/a.ts", "my file.txt", "srv:file://x"]);
});
