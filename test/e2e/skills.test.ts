import { beforeAll, describe, expect, test } from "bun:test";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { cwdSlug } from "../../src/config/paths.ts";
import type { Message } from "../../src/model/messages.ts";
import { runNanocode } from "../support/run.ts";
import { type RecordedRequest, type ServerOptions, startScriptedServer } from "../support/scripted-server.ts";
import { put, tempDir } from "../support/tmp.ts";

// The fixture of Claude Code's recordings (shared/conformance/claude-code-2.1.328/config/): the same
// files, prompts and expected message layout.
const GREET = `---\ndescription: CMD_DESC_MARKER greet people by name\nargument-hint: "[first] [second] ARGHINT_MARKER"\n---\nCMD_BODY_MARKER Say hello to $ARGUMENTS.\nDollar zero: $0\nFirst name: $1\nSecond name: $2\nIndexed: $ARGUMENTS[0] and $ARGUMENTS[1]\n`;
const SHOUT = `---\nname: shout\ndescription: SKILL_DESC_MARKER repeat the given text in capitals\n---\nSKILL_BODY_MARKER Repeat this in capitals: $ARGUMENTS\n`;

let work: string;
let home: string;

beforeAll(() => {
  home = tempDir("nanocode-home-");
  work = tempDir("nanocode-work-");
  put(join(work, ".claude/commands/greet.md"), GREET);
  put(join(work, ".claude/skills/shout/SKILL.md"), SHOUT);
  put(join(work, "notes.txt"), "NOTES_MARKER\n");
  put(
    join(work, ".nanocode/commands/state.md"),
    "---\ndescription: show the state\nallowed-tools: Bash(echo:*)\n---\nState: !`echo SHELL_RAN $0`\nNotes: @notes.txt\n",
  );
  put(join(work, ".nanocode/commands/sneaky.md"), "---\ndescription: runs something not allowed\n---\nBefore !`touch pwned`\n");
  put(join(work, ".nanocode/commands/tools/list.md"), "List the tools.\n");
  put(
    join(work, ".claude/skills/summarize/SKILL.md"),
    "---\ndescription: summarize a file in a sub-agent\ncontext: fork\n---\nFORK_MARKER Read $0 and summarize it. The style guide is in style.md.\n",
  );
  put(join(work, ".claude/skills/summarize/style.md"), "STYLE_MARKER be brief\n");
});

const texts = (message: Message | undefined) => (typeof message?.content === "string" ? [message.content] : (message?.content ?? []).map((b) => (b.type === "text" ? b.text : b.type === "tool_result" ? `tool_result:${JSON.stringify(b.content)}` : b.type)));
const systemText = (request: RecordedRequest) => (request.body.system as { text: string }[]).map((b) => b.text).join("\n");

// The project is the user's own here: --trust lets its commands' allowed-tools apply.
async function runStream(prompt: string, reply: ServerOptions["reply"]) {
  const scripted = startScriptedServer({ workdir: work, home, reply });
  const result = await runNanocode(["-p", prompt, "--output-format", "stream-json", "--verbose", "--trust"], { cwd: work, env: { HOME: home, ANTHROPIC_API_KEY: "k", ANTHROPIC_BASE_URL: scripted.url } });
  scripted.stop();
  return result;
}

async function run(prompt: string, server: ServerOptions, extra: string[] = []) {
  const scripted = startScriptedServer({ workdir: work, home, ...server });
  const result = await runNanocode(["-p", prompt, "--output-format", "json", "--trust", ...extra], { cwd: work, env: { HOME: home, ANTHROPIC_API_KEY: "k", ANTHROPIC_BASE_URL: scripted.url } });
  scripted.stop();
  return { ...result, json: result.stdout ? JSON.parse(result.stdout) : undefined, requests: scripted.requests };
}

describe("custom commands and skills, as Claude Code lays them out", () => {
  test("/greet Alice Bob: header block, then the body with $ARGUMENTS, $0-based positions and a missing $2 kept", async () => {
    const { json, requests, stderr } = await run("/greet Alice Bob", { turns: [[{ type: "text", text: "greeted" }]] });
    expect(stderr).toBe("");
    expect(json.result).toBe("greeted");
    expect(texts(requests[0]!.body.messages[0])).toEqual([
      "<command-message>greet</command-message>\n<command-name>/greet</command-name>\n<command-args>Alice Bob</command-args>\n",
      "CMD_BODY_MARKER Say hello to Alice Bob.\nDollar zero: Alice\nFirst name: Bob\nSecond name: $2\nIndexed: Alice and Bob\n",
    ]);
    const system = systemText(requests[0]!);
    expect(system).toContain("- shout: SKILL_DESC_MARKER repeat the given text in capitals\n");
    expect(system).toContain("- greet: CMD_DESC_MARKER greet people by name");
    expect(system.indexOf("- shout:")).toBeLessThan(system.indexOf("- greet:"));
    expect(system).toContain("- review-diff: "); // bundled
    expect(JSON.stringify(requests[0]!.body)).not.toContain("ARGHINT_MARKER");
  });

  test("/shout hello: the body starts with the skill's base directory", async () => {
    const { requests } = await run("/shout hello", { turns: [[{ type: "text", text: "shouted" }]] });
    expect(texts(requests[0]!.body.messages[0])).toEqual([
      "<command-message>shout</command-message>\n<command-name>/shout</command-name>\n<command-args>hello</command-args>\n",
      `Base directory for this skill: ${work}/.claude/skills/shout\n\nSKILL_BODY_MARKER Repeat this in capitals: hello\n`,
    ]);
  });

  test("the model runs a skill and a command through the Skill tool: result, then the filled body beside it", async () => {
    const { json, requests } = await run("plain prompt", {
      turns: [
        [{ type: "tool_use", name: "Skill", input: { skill: "shout", args: "via tool" } }],
        [{ type: "tool_use", name: "Skill", input: { skill: "greet", args: "Carol Dave" } }],
        [{ type: "text", text: "last: {{last_tool_result_first_line}}" }],
      ],
    });
    expect(json.result).toBe("last: Launching skill: greet");
    expect(json.permission_denials).toEqual([]);
    expect(texts(requests[1]!.body.messages[2])).toEqual(['tool_result:"Launching skill: shout"', `Base directory for this skill: ${work}/.claude/skills/shout\n\nSKILL_BODY_MARKER Repeat this in capitals: via tool\n`]);
    expect(texts(requests[2]!.body.messages[4])).toEqual(['tool_result:"Launching skill: greet"', "CMD_BODY_MARKER Say hello to Carol Dave.\nDollar zero: Carol\nFirst name: Dave\nSecond name: $2\nIndexed: Carol and Dave\n"]);
  });

  test("an unknown /nope goes to the model as typed, after a note that no such command exists", async () => {
    const { json, requests } = await run("/nope arg", { turns: [[{ type: "text", text: "unknown handled" }]] });
    expect(json.result).toBe("unknown handled");
    const [note, prompt] = texts(requests[0]!.body.messages[0]);
    expect(note).toContain("starts with the slash command /nope, but no command with that name is available");
    expect(note).toContain("/shout, ");
    expect(note).toContain("/greet");
    expect(prompt).toBe("/nope arg");
  });
});

describe("custom command features", () => {
  test("!`cmd` runs when allowed-tools allows it, @file is attached, subfolders namespace the name", async () => {
    const { requests, json } = await run("/state now", { turns: [[{ type: "text", text: "ok" }]] });
    expect(json.result).toBe("ok");
    // The @file comes as Claude Code gives it: a Read call and its result, before the command's text.
    const [, call, result, body] = texts(requests[0]!.body.messages[0]);
    expect(call).toBe(`<system-reminder>\nCalled the Read tool with the following input: {"file_path":"${join(work, "notes.txt")}"}\n</system-reminder>`);
    expect(result).toBe("<system-reminder>\nResult of calling the Read tool:\n1\tNOTES_MARKER\n2\t\n</system-reminder>");
    expect(body).toBe("State: SHELL_RAN now\nNotes: @notes.txt\n");
    const listed = await run("/tools:list", { turns: [[{ type: "text", text: "ok" }]] });
    expect(texts(listed.requests[0]!.body.messages[0])[1]).toBe("List the tools.\n");
  });

  test("a !`cmd` the permissions do not allow stops the command with one line, before any request", async () => {
    const why = '/sneaky: Bash(touch pwned) was not allowed to run: add "Bash(touch:*)" to the allowed-tools of .nanocode/commands/sneaky.md, or allow it in settings';
    const { code, json, requests } = await run("/sneaky", { turns: [] });
    expect(code).toBe(1);
    expect(json).toMatchObject({ type: "result", is_error: true, num_turns: 0, result: why });
    expect(requests).toHaveLength(0);
    expect(await Bun.file(join(work, "pwned")).exists()).toBe(false);
    const text = await runNanocode(["-p", "/sneaky", "--trust"], { cwd: work, env: { HOME: home, ANTHROPIC_API_KEY: "k", ANTHROPIC_BASE_URL: "http://127.0.0.1:9" } });
    expect(text).toEqual({ code: 1, stdout: "", stderr: `Error: ${why}\n` });
  });
});

describe("context: fork runs the skill in a sub-agent with its own context", () => {
  // The sub-agent's requests are the ones whose first message is the skill's text.
  const forked = (r: RecordedRequest) => JSON.stringify(r.body.messages[0]).includes("FORK_MARKER");
  const subagentTurns = [
    [{ type: "tool_use" as const, name: "Read", input: { file_path: "$WORKDIR/.claude/skills/summarize/style.md" } }],
    [{ type: "text" as const, text: "REPORT: {{last_tool_result_first_line}}" }],
  ];
  const reply = (mainTurns: ServerOptions["turns"]) => (request: RecordedRequest) => {
    const turn = request.body.messages.filter((m) => m.role === "assistant").length;
    return (forked(request) ? subagentTurns : mainTurns!)[turn]!;
  };

  test("invoked by the model: the main agent gets only the report", async () => {
    const { json, requests } = await run("summarize notes", {
      reply: reply([[{ type: "tool_use", name: "Skill", input: { skill: "summarize", args: "notes.txt" } }], [{ type: "text", text: "main: {{last_tool_result}}" }]]),
    });
    expect(json.result).toBe('main: Skill "summarize" ran in a sub-agent. Its report:\n\nREPORT: 1\tSTYLE_MARKER be brief');
    const sub = requests.filter(forked);
    expect(sub).toHaveLength(2);
    expect(texts(sub[0]!.body.messages[0])).toEqual([`Base directory for this skill: ${work}/.claude/skills/summarize\n\nFORK_MARKER Read notes.txt and summarize it. The style guide is in style.md.\n`]);
    expect(sub[0]!.body.tools!.map((t) => t.name)).not.toContain("Skill");
    // The main conversation never sees the sub-agent's messages.
    expect(JSON.stringify(requests.at(-1)!.body.messages)).not.toContain("STYLE_MARKER be brief\\n");
  });

  test("invoked as /summarize: the sub-agent's answer is the run's result", async () => {
    const { json, requests } = await run("/summarize notes.txt", { reply: reply([]) });
    expect(json.result).toBe("REPORT: 1\tSTYLE_MARKER be brief");
    expect(requests.every(forked)).toBe(true);
  });

  test("/summarize in print mode: the session's id is reported, the session records the command and the report, the sub-agent's transcript sits beside it, and --resume goes on", async () => {
    const { json } = await run("/summarize notes.txt", { reply: reply([]) });
    const folder = join(home, ".nanocode", "projects", cwdSlug(work));
    const lines = readFileSync(join(folder, `${json.session_id}.jsonl`), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(lines.map((l) => l.type)).toEqual(["session", "user", "assistant", "done"]);
    expect(lines[1].message.content[0].text).toContain("<command-name>/summarize</command-name>");
    expect(lines[2].message.content).toEqual([{ type: "text", text: "REPORT: 1\tSTYLE_MARKER be brief" }]);
    // The sub-agent's cost is the session's: its outcome is recorded, usage included.
    expect(lines[3].outcome).toMatchObject({ isError: false, numTurns: 2, modelUsage: { [Object.keys(json.modelUsage)[0]!]: expect.any(Object) } });
    const [transcript] = readdirSync(join(folder, json.session_id, "subagents"));
    expect(transcript).toMatch(/^agent-[0-9a-f]{8}\.jsonl$/);
    expect(readFileSync(join(folder, json.session_id, "subagents", transcript!), "utf8")).toContain("FORK_MARKER");

    const resumed = await run("what did it say?", { turns: [[{ type: "text", text: "it said be brief" }]] }, ["--resume", json.session_id]);
    expect(resumed.json.session_id).toBe(json.session_id);
    const history = resumed.requests[0]!.body.messages.map((m) => m.role);
    expect(history).toEqual(["user", "assistant", "user"]);
    expect(JSON.stringify(resumed.requests[0]!.body.messages[1])).toContain("REPORT: 1");
  });

  test("invoked by the model: its steps reach stream-json marked with the Skill call's id, and its transcript is kept", async () => {
    const { stdout } = await runStream("summarize notes", reply([[{ type: "tool_use", name: "Skill", input: { skill: "summarize", args: "notes.txt" } }], [{ type: "text", text: "done" }]]));
    const lines = stdout.trim().split("\n").map((l) => JSON.parse(l));
    const skillCall = lines.find((l) => l.type === "assistant" && l.message.content[0].name === "Skill").message.content[0].id;
    const nested = lines.filter((l) => l.parent_tool_use_id === skillCall);
    expect(nested.map((l) => l.type)).toEqual(["assistant", "user", "assistant"]);
    expect(nested[0].message.content[0]).toMatchObject({ type: "tool_use", name: "Read" });
    const session = lines.at(-1).session_id;
    expect(readdirSync(join(home, ".nanocode", "projects", cwdSlug(work), session, "subagents"))).toHaveLength(1);
  });
});

test("a bundled skill is written out on first use, so its supporting files can be read by path; both run in a repository with no commit yet", async () => {
  // A failing !`command` stops a command: the bundled ones must not fail before the first commit.
  Bun.spawnSync(["git", "init", "-q"], { cwd: work });
  put(join(work, "first.txt"), "first\n");
  Bun.spawnSync(["git", "add", "first.txt"], { cwd: work });
  const { requests } = await run("/review-diff", { turns: [[{ type: "text", text: "reviewed" }]], reply: () => [{ type: "text", text: "reviewed" }] }, ["--dangerously-skip-permissions"]);
  const text = texts(requests[0]!.body.messages[0]).join("\n");
  const dir = /Base directory for this skill: (\S+)/.exec(text)![1]!;
  expect(dir.startsWith(join(home, ".nanocode", "bundled-skills"))).toBe(true);
  expect(await Bun.file(join(dir, "checklist.md")).text()).toContain("# Review checklist");
  expect(text).toContain("Changed files, staged:\n first.txt | 1 +");
  const commit = await run("/commit", { turns: [[{ type: "text", text: "committed" }]] });
  expect(commit.json).toMatchObject({ is_error: false, result: "committed" });
  expect(texts(commit.requests[0]!.body.messages[0]).join("\n")).toContain("Staged changes:\n first.txt | 1 +");
});
