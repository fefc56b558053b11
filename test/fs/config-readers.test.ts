// Every reader of configuration goes through the one safe reader: a FIFO, a link to /dev/zero or a
// link loop planted where a memory file, rule, agent, skill, command or .mcp.json belongs is one
// line naming it, and the files beside it still load.
import { expect, test } from "bun:test";
import { mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { loadAgents } from "../../src/agents/load.ts";
import { readSettingsFlag } from "../../src/config/settings-flag.ts";
import { MemoryReader } from "../../src/context/memory.ts";
import { loadRules } from "../../src/context/rules.ts";
import { configuredServers } from "../../src/mcp/config.ts";
import { loadCatalog } from "../../src/skills/catalog.ts";
import { put, tempDir } from "../support/tmp.ts";

const fifo = (path: string) => expect(Bun.spawnSync(["mkfifo", path]).exitCode).toBe(0);

function project() {
  const cwd = tempDir();
  return { cwd, home: tempDir(), at: (...parts: string[]) => join(cwd, ...parts) };
}

test("memory files and @imports: a FIFO, /dev/zero and a loop are one line each; the good ones load", () => {
  const { cwd, at } = project();
  put(at("CLAUDE.md"), "GOOD @pipe.md @zero.md @loop.md\n");
  fifo(at("pipe.md"));
  symlinkSync("/dev/zero", at("zero.md"));
  symlinkSync("loop.md", at("loop.md"));
  symlinkSync("AGENTS.md", at("AGENTS.md"));
  const reader = new MemoryReader(tempDir());
  const files = ["CLAUDE.md", "AGENTS.md"].flatMap((name) => reader.read(join(cwd, name), "project"));
  expect(files.map((f) => f.content)).toEqual(["GOOD @pipe.md @zero.md @loop.md\n"]);
  expect(reader.problems).toEqual([
    `${at("pipe.md")}: is a FIFO (named pipe), not a regular file; this memory file is skipped`,
    `${at("zero.md")}: is a character device, not a regular file; this memory file is skipped`,
    `${at("loop.md")}: too many symbolic links (ELOOP); this memory file is skipped`,
    `${at("AGENTS.md")}: too many symbolic links (ELOOP); this memory file is skipped`,
  ]);
});

test("rules: a FIFO rule is one line; the rule beside it loads", async () => {
  const { cwd, home, at } = project();
  put(at(".claude", "rules", "good.md"), "GOOD RULE\n");
  fifo(at(".claude", "rules", "pipe.md"));
  const { always, problems } = await loadRules(cwd, home);
  expect(always.map((r) => r.content)).toContain("GOOD RULE\n");
  expect(problems).toEqual([`${at(".claude", "rules", "pipe.md")}: is a FIFO (named pipe), not a regular file; this rule is ignored`]);
});

test("agents: a link to /dev/zero is one line; the agent beside it loads", async () => {
  const { cwd, home, at } = project();
  put(at(".claude", "agents", "good.md"), "---\nname: good\ndescription: fine\n---\nPrompt\n");
  symlinkSync("/dev/zero", at(".claude", "agents", "zero.md"));
  const { agents, problems } = await loadAgents(cwd, [], home);
  expect(agents.map((a) => a.name)).toContain("good");
  expect(problems).toEqual([`${at(".claude", "agents", "zero.md")}: is a character device, not a regular file; this agent is skipped`]);
});

test("skills and commands: a looping SKILL.md, a FIFO command and a looping folder link cost only themselves", async () => {
  const { cwd, home, at } = project();
  put(at(".claude", "skills", "good", "SKILL.md"), "---\ndescription: fine\n---\nbody\n");
  mkdirSync(at(".claude", "skills", "loop"), { recursive: true });
  symlinkSync("SKILL.md", at(".claude", "skills", "loop", "SKILL.md"));
  put(at(".claude", "skills", "notes.txt"), "not a skill folder");
  put(at(".claude", "commands", "deploy", "prod.md"), "ship it\n");
  fifo(at(".claude", "commands", "pipe.md"));
  symlinkSync(".", at(".claude", "commands", "deploy", "again"));
  const { catalog, problems } = await loadCatalog({ cwd, home });
  expect(catalog.get("good")?.kind).toBe("skill");
  expect(catalog.get("deploy:prod")?.body).toBe("ship it\n");
  expect(problems.sort()).toEqual([
    `${at(".claude", "commands", "pipe.md")}: is a FIFO (named pipe), not a regular file; skipped`,
    `${at(".claude", "skills", "loop", "SKILL.md")}: too many symbolic links (ELOOP); skipped`,
  ]);
});

test(".mcp.json that is a FIFO or a link loop is one line, never read", () => {
  for (const plant of [(path: string) => fifo(path), (path: string) => symlinkSync(".mcp.json", path)]) {
    const { cwd, at } = project();
    plant(at(".mcp.json"));
    const { servers, problems } = configuredServers({ settings: { enableAllProjectMcpServers: true }, flags: [], strict: false, cwd, trusted: true, startPending: false });
    expect(servers).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toStartWith(`${at(".mcp.json")}: `);
    expect(problems[0]).toEndWith("; no MCP servers read from it");
  }
});

test("--settings and --mcp-config may name a pipe the shell made (<(…)), but not a device", async () => {
  const { cwd, at } = project();
  fifo(at("settings.fifo"));
  const writer = Bun.spawn(["sh", "-c", `printf '{"permissions":{"deny":["Bash(rm:*)"]}}' > ${at("settings.fifo")}`]);
  try {
    expect(readSettingsFlag(at("settings.fifo"), cwd).file.settings.permissions?.deny).toEqual(["Bash(rm:*)"]);
  } finally {
    writer.kill();
    await writer.exited;
  }
  expect(() => readSettingsFlag("/dev/zero", cwd)).toThrow("--settings /dev/zero: is a character device, not a regular file");
  const { problems } = configuredServers({ settings: {}, flags: ["/dev/zero"], strict: true, cwd, trusted: true, startPending: false });
  expect(problems).toEqual(["/dev/zero: is a character device, not a regular file; no MCP servers read from it"]);
});
