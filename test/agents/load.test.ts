import { expect, test } from "bun:test";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadAgents, parseCliAgents } from "../../src/agents/load.ts";
import { tempDir } from "../support/tmp.ts";

function agentFile(dir: string, file: string, text: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, file), text);
  return join(dir, file);
}

const md = (name: string, description: string, extra = "", body = `I am ${description}.`) => `---\nname: ${name}\ndescription: ${description}\n${extra}---\n${body}\n`;

test("built-ins, then custom agents; the closest definition of a name wins", async () => {
  const cwd = tempDir();
  const home = tempDir();
  agentFile(join(home, ".claude", "agents"), "a.md", md("shared", "user claude"));
  agentFile(join(home, ".claude", "agents"), "b.md", md("mine", "user only", "tools: Read, Grep\nmodel: haiku\nmaxTurns: 5\n"));
  agentFile(join(cwd, ".claude", "agents"), "a.md", md("shared", "project claude"));
  agentFile(join(cwd, ".nanocode", "agents"), "a.md", md("shared", "project nanocode"));
  agentFile(join(cwd, ".nanocode", "agents"), "c.md", md("Explore", "my explorer"));
  const cli = parseCliAgents('{"cli": {"description": "from the flag", "prompt": "Be brief.", "tools": ["Read"]}}');
  const { agents, problems } = await loadAgents(cwd, cli, home);
  expect(problems).toEqual([]);
  expect(agents.map((a) => a.name)).toEqual(["general-purpose", "Explore", "Plan", "cli", "mine", "shared"]);
  const byName = Object.fromEntries(agents.map((a) => [a.name, a]));
  expect(byName.shared!.description).toBe("project nanocode");
  expect(byName.Explore).toMatchObject({ description: "my explorer", prompt: "I am my explorer.", source: join(cwd, ".nanocode", "agents", "c.md") });
  expect(byName.mine).toMatchObject({ tools: ["Read", "Grep"], model: "haiku", maxTurns: 5 });
  expect(byName.cli).toMatchObject({ prompt: "Be brief.", tools: ["Read"], source: "--agents" });
});

test("a file Claude Code refuses is one line naming it and the cause; one that is no agent is passed over; the others load", async () => {
  const cwd = tempDir();
  const dir = join(cwd, ".claude", "agents");
  agentFile(dir, "README.md", "# Our agents\n\nSee below.\n");
  agentFile(dir, "noname.md", "---\ndescription: notes kept beside the agents\n---\nbody\n");
  const noDescription = agentFile(dir, "nodesc.md", "---\nname: half\n---\nbody\n");
  const loose = agentFile(dir, "loose.md", "---\nname: [unclosed\ndescription: Use when: things break\n---\nbody\n");
  const badField = agentFile(dir, "field.md", md("ok", "fine", "maxTurns: lots\n"));
  const { agents, problems } = await loadAgents(cwd, [], tempDir());
  expect(agents.find((a) => a.name === "ok")?.maxTurns).toBeUndefined();
  expect(agents.find((a) => a.source === loose)).toMatchObject({ name: "[unclosed", description: "Use when: things break" });
  expect(problems).toHaveLength(2);
  expect(problems.find((p) => p.startsWith(noDescription))).toContain('frontmatter needs "description"; this agent is skipped');
  expect(problems.find((p) => p.startsWith(badField))).toContain('frontmatter field "maxTurns" must be a number; that field is ignored');
  for (const p of problems) expect(p).not.toContain("\n");
});

test("--agents must be a JSON object of agents, each with a description and a prompt", () => {
  expect(() => parseCliAgents("{nope")).toThrow("--agents is not valid JSON");
  expect(() => parseCliAgents('{"x": {"description": "d"}}')).toThrow("--agents: x.prompt");
  expect(parseCliAgents('{"x": {"description": "d", "prompt": "p", "tools": "Read, Bash(git log:*)", "model": "inherit"}}')).toEqual([
    { name: "x", description: "d", prompt: "p", tools: ["Read", "Bash(git log:*)"], model: undefined, source: "--agents" },
  ]);
});
