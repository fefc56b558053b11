// Real-shaped .claude/ setups (test/fixtures/setups/, and a command suite of a few hundred files
// written here) loaded by the compiled binary: the `system/init` line of stream-json lists what
// Claude Code would list, and nothing reaches stderr. Each fixture is copied to a temp folder.
import { beforeAll, describe, expect, test } from "bun:test";
import { cpSync } from "node:fs";
import { join } from "node:path";
import { runNanocode } from "../support/run.ts";
import { type RecordedRequest, type ServerOptions, startScriptedServer } from "../support/scripted-server.ts";
import { put, tempDir } from "../support/tmp.ts";
import { commandSuite } from "../support/command-suite.ts";

const FIXTURES = join(import.meta.dir, "..", "fixtures", "setups");

type Init = { slash_commands: string[]; agents: string[]; skills: string[] };

/** A fixture in a fresh folder (links kept as links), with an empty home beside it. */
function copy(name: string): { work: string; home: string } {
  const work = tempDir(`nanocode-${name}-`);
  cpSync(join(FIXTURES, name), work, { recursive: true, verbatimSymlinks: true });
  return { work, home: tempDir("nanocode-home-") };
}

/** What an empty project lists: nanocode's own commands, agents and skills, left out of each comparison. */
let builtin: Init;

async function run(where: { work: string; home: string }, prompt: string, server: ServerOptions = { turns: [[{ type: "text", text: "ok" }]] }) {
  const scripted = startScriptedServer({ workdir: where.work, home: where.home, ...server });
  try {
    const result = await runNanocode(["-p", prompt, "--output-format", "stream-json", "--verbose", "--trust"], {
      cwd: where.work,
      env: { HOME: where.home, ANTHROPIC_API_KEY: "k", ANTHROPIC_BASE_URL: scripted.url },
    });
    const lines = result.stdout.split("\n").filter(Boolean).map((line) => JSON.parse(line));
    const init = lines.find((l) => l.type === "system" && l.subtype === "init") as Init | undefined;
    return { ...result, lines, init, requests: scripted.requests };
  } finally {
    scripted.stop();
  }
}

/** The project's own entries of an init list, sorted. */
const own = (init: Init | undefined, field: keyof Init) => (init?.[field] ?? []).filter((name) => !builtin[field].includes(name)).sort();
const systemText = (request: RecordedRequest) => (request.body.system as { text: string }[]).map((b) => b.text).join("\n");
const everything = (request: RecordedRequest) => `${systemText(request)}\n${JSON.stringify(request.body.messages)}`;
const count = (text: string, marker: string) => text.split(marker).length - 1;

beforeAll(async () => {
  const empty = await run({ work: tempDir(), home: tempDir() }, "hi");
  builtin = empty.init!;
});

describe("an agent collection: agents at any depth, loose YAML, READMEs among them", () => {
  test("init lists every agent Claude Code loads, and stderr is empty", async () => {
    const { init, stderr } = await run(copy("agent-collection"), "hi");
    expect(stderr).toBe("");
    // Not listed: README.md files (no name), the hidden .drafts/ folder, a .txt file.
    expect(own(init, "agents")).toEqual(["builder", "code-reviewer", "Data Scientist", "ml-engineer", "security-auditor", "terraform-specialist", "validator"].sort());
  });

  test("a sub-agent gets its tools: as Claude Code reads them (KillShell is TaskStop, BashOutput TaskOutput; names of no tool give nothing)", async () => {
    const where = copy("agent-collection");
    const isMain = (r: RecordedRequest) => systemText(r).startsWith("You are nanocode");
    const { stderr, requests } = await run(where, "build it", {
      reply(request) {
        const turn = request.body.messages.filter((m) => m.role === "assistant").length;
        if (!isMain(request)) return [{ type: "text", text: "built" }];
        return turn === 0 ? [{ type: "tool_use", name: "Agent", input: { description: "Build", prompt: "Build the task.", subagent_type: "builder" } }] : [{ type: "text", text: "done" }];
      },
    });
    expect(stderr).toBe("");
    const sub = requests.find((r) => !isMain(r))!;
    expect(systemText(sub)).toStartWith("You are the builder.");
    expect(sub.body.tools!.map((t) => t.name).sort()).toEqual(["Bash", "Edit", "Read", "TaskOutput", "TaskStop", "TodoWrite", "Write"]);
    // The description with ': ' in it reached the main agent's list of agent types whole.
    expect(systemText(requests[0]!)).toContain("- builder: Use when: the plan is approved and code must be written.");
    expect(systemText(requests[0]!)).toContain("- ml-engineer: Expert ML engineer. This includes: (1) model training pipelines");
  });
});

describe("a skill collection: skills with supporting files, names with spaces, long descriptions", () => {
  test("init lists each skill by its folder's name, not its nested or hidden folders, and stderr is empty", async () => {
    const { init, stderr, requests } = await run(copy("skill-collection"), "hi");
    expect(stderr).toBe("");
    const skills = ["brand-guidelines", "changelog", "docx", "pdf", "webapp-testing"];
    expect(own(init, "skills")).toEqual(skills);
    expect(own(init, "slash_commands")).toEqual(skills);
    const system = systemText(requests[0]!);
    // The whole description (over 250 characters), under the folder's name; the placeholder as written.
    expect(system).toMatch(/- pdf: Comprehensive PDF toolkit .{250,} and redaction\.\n/);
    expect(system).toContain("- docx: Word documents. Triggers on: 'word', 'docx', '.docx', 'tracked changes'\n");
    expect(system).toContain("- brand-guidelines: {{company}} brand colours and typography");
    expect(system).toContain("- changelog: Changelog writer\n");
    expect(system).not.toContain("inner-skill");
  });

  test("/pdf runs from its folder, whose supporting files sit beside it", async () => {
    const where = copy("skill-collection");
    const { stderr, requests } = await run(where, "/pdf fill the form");
    expect(stderr).toBe("");
    const first = JSON.stringify(requests[0]!.body.messages[0]);
    expect(first).toContain("<command-name>/pdf</command-name>");
    expect(first).toContain(`Base directory for this skill: ${join(where.work, ".claude/skills/pdf")}`);
  });
});

describe("a command suite of a few hundred files in nested folders", () => {
  const suite = commandSuite();

  test(`init lists all ${suite.names.length} commands, namespaced by folder; plan.md replaces the built-in /plan; stderr is empty`, async () => {
    const where = { work: tempDir("nanocode-suite-"), home: tempDir() };
    for (const [path, text] of Object.entries(suite.files)) put(join(where.work, ".claude", "commands", path), text);
    const { init, stderr } = await run(where, "hi");
    expect(stderr).toBe("");
    expect(suite.names.length).toBeGreaterThanOrEqual(300);
    const listed = init!.slash_commands;
    expect(listed.filter((n) => n === "plan")).toEqual(["plan"]);
    expect(own(init, "slash_commands")).toEqual([...suite.names].filter((n) => n !== "plan").sort());
  });

  test("/plan runs the project's plan.md, not the built-in", async () => {
    const where = { work: tempDir("nanocode-suite-"), home: tempDir() };
    put(join(where.work, ".claude/commands/plan.md"), suite.files["plan.md"]!);
    const { stderr, requests, lines } = await run(where, "/plan the release");
    expect(stderr).toBe("");
    expect(JSON.stringify(requests[0]!.body.messages[0])).toContain("PLAN_COMMAND_MARKER Plan the release");
    expect(lines.at(-1)).toMatchObject({ type: "result", is_error: false, result: "ok" });
  });

  test("a failing !`cmd` stops the command with its error, and the model is never called", async () => {
    const where = { work: tempDir("nanocode-suite-"), home: tempDir() };
    put(join(where.work, ".claude/commands/ci/status.md"), "---\ndescription: CI status\nallowed-tools: Bash(ls:*)\n---\nStatus: !`ls no-such-folder`\n");
    const { code, stderr, requests, lines } = await run(where, "/ci:status");
    expect(requests).toHaveLength(0);
    expect(code).toBe(1);
    const result = lines.at(-1);
    expect(result).toMatchObject({ type: "result", is_error: true, num_turns: 0 });
    expect(result.result).toStartWith("/ci:status: !`ls no-such-folder` failed (exit code 2): ls: ");
    expect(result.result).toContain("no-such-folder");
    expect(stderr).toBe("");
  });
});

describe("a CLAUDE.md tree with links and HTML comments", () => {
  test("each file once by its real path, comments for people left out, rules through a linked folder once", async () => {
    const where = copy("memory-tree");
    const { stderr, requests } = await run(where, "hi");
    expect(stderr).toBe("");
    const sent = everything(requests[0]!);
    expect(count(sent, "ROOT_MEMORY_MARKER")).toBe(1); // CLAUDE.md, and AGENTS.md linked to it
    expect(count(sent, "DOT_CLAUDE_MARKER")).toBe(1);
    expect(count(sent, "STYLE_RULE_MARKER")).toBe(1);
    expect(count(sent, "SECURITY_RULE_MARKER")).toBe(1); // shared-rules reached through two links
    expect(sent).not.toContain("MAINTAINER_NOTE_MARKER");
    expect(sent).not.toContain("RULE_NOTE_MARKER");
    expect(sent).toContain("CODE_COMMENT_MARKER");
    expect(sent).not.toContain("MIGRATION_RULE_MARKER"); // paths: rule, until a matching file is touched
    expect(sent).not.toContain("WEB_MEMORY_MARKER"); // nested, until a file there is touched
  });

  test("started in a subfolder, whose CLAUDE.md imports the root's: still once", async () => {
    const where = copy("memory-tree");
    const { stderr, requests } = await run({ work: join(where.work, "packages", "web"), home: where.home }, "hi");
    expect(stderr).toBe("");
    const sent = everything(requests[0]!);
    expect(count(sent, "ROOT_MEMORY_MARKER")).toBe(1);
    expect(count(sent, "WEB_MEMORY_MARKER")).toBe(1);
  });
});

describe("a team's settings files, with rules and keys written for Claude Code", () => {
  test("they apply, and nothing reaches stderr: old tool names, tools nanocode lacks, keys it does not use", async () => {
    const { init, stderr } = await run(copy("team-settings"), "hi");
    expect(stderr).toBe("");
    expect(init).toMatchObject({ permissionMode: "acceptEdits" });
  });
});

describe("a monorepo whose packages have skills of their own", () => {
  test("a package's skills join once a file there is touched; a clashing name gets the package's path; the model can run them", async () => {
    const where = copy("monorepo");
    const { init, stderr, requests } = await run(where, "work on it", {
      turns: [
        [{ type: "tool_use", name: "Read", input: { file_path: "$WORKDIR/packages/frontend/src/App.tsx" } }],
        [{ type: "tool_use", name: "Read", input: { file_path: "$WORKDIR/packages/backend/src/routes/users.ts" } }],
        [{ type: "tool_use", name: "Skill", input: { skill: "react-patterns" } }],
        [{ type: "text", text: "done" }],
      ],
    });
    expect(stderr).toBe("");
    expect(own(init, "skills")).toEqual(["deploy", "shared-conventions"]);
    const after = (i: number) => JSON.stringify(requests[i]!.body.messages.at(-1));
    expect(JSON.stringify(requests[0]!.body)).not.toContain("react-patterns");
    expect(after(1)).toContain("Skills of packages/frontend, found as you worked there");
    expect(after(1)).toContain("- react-patterns: React component patterns of this package. Use when: writing components");
    expect(after(2)).toContain("- packages/backend:deploy: Deploy the backend service only");
    expect(after(2)).not.toContain("- api-design");
    expect(after(2)).toContain('The skill \\"api-design\\" applies to files like');
    expect(after(3)).toContain("REACT_SKILL_BODY_MARKER");
    expect(requests).toHaveLength(4);
  });
});

describe("output styles from .claude/output-styles/", () => {
  const staticText = (request: RecordedRequest) => (request.body.system as { text: string }[])[0]!.text;

  test("the outputStyle setting picks one by name (any case): its text ends the static prompt, which leaves out the coding and terse-output guidance", async () => {
    const { init, stderr, requests } = await run(copy("output-styles"), "hi");
    expect(stderr).toBe("");
    expect(init).toMatchObject({ output_style: "Patient Teacher" });
    const text = staticText(requests[0]!);
    expect(text).toEndWith("# Output style: Patient Teacher\nTEACHER_STYLE_MARKER Explain each step in plain words before doing it, and end with a short summary of what the user learned.");
    expect(text).not.toContain("# Doing tasks");
    expect(text).not.toContain("Be concise and direct");
    expect(text).toContain("# Safety");
  });

  test("a style named by its file, with keep-coding-instructions, keeps them; a built-in name works; no setting is the default", async () => {
    const where = copy("output-styles");
    put(join(where.work, ".claude/settings.local.json"), '{ "outputStyle": "terse-reviewer" }');
    const kept = await run(where, "hi");
    expect(kept.stderr).toBe("");
    expect(kept.init).toMatchObject({ output_style: "terse-reviewer" });
    expect(staticText(kept.requests[0]!)).toContain("# Doing tasks");
    expect(staticText(kept.requests[0]!)).toEndWith("REVIEWER_STYLE_MARKER Answer with a Markdown table of findings: file, line, problem, fix.");
    put(join(where.work, ".claude/settings.local.json"), '{ "outputStyle": "Explanatory" }');
    expect((await run(where, "hi")).init).toMatchObject({ output_style: "Explanatory" });
    put(join(where.work, ".claude/settings.local.json"), "{}");
    const plain = await run(where, "hi");
    expect(plain.init).toMatchObject({ output_style: "default" });
    expect(staticText(plain.requests[0]!)).not.toContain("# Output style");
  });

  test("a name no style has is one line naming the setting, and the default is used", async () => {
    const where = copy("output-styles");
    put(join(where.work, ".claude/settings.local.json"), '{ "outputStyle": "nested" }');
    const { init, stderr } = await run(where, "hi");
    expect(init).toMatchObject({ output_style: "default" });
    expect(stderr).toBe('nanocode: outputStyle: "nested" names no output style (there are: default, README, Patient Teacher, terse-reviewer, Explanatory, Learning, Proactive); the default is used\n');
  });
});
