// What a skill changes lasts for the turn it runs in, as Claude Code has it ("while the skill is
// active"): its `model` and its `allowed-tools`. A skill with `paths:` is offered when the agent
// first touches a matching file. The compiled binary, a stream-json conversation of two turns.

import { afterEach, expect, test } from "bun:test";
import { join } from "node:path";
import { ALIASES } from "../../src/model/models.ts";
import { startNanocode } from "../support/live.ts";
import { runNanocode } from "../support/run.ts";
import { type RecordedRequest, type ScriptedServer, type ServerOptions, startScriptedServer } from "../support/scripted-server.ts";
import { put, tempDir } from "../support/tmp.ts";

let server: ScriptedServer | undefined;
afterEach(() => server?.stop());

const userLine = (content: string) => `${JSON.stringify({ type: "user", message: { role: "user", content } })}\n`;
const lastText = (r: RecordedRequest) => JSON.stringify(r.body.messages.at(-1)?.content);
const systemText = (r: RecordedRequest) => (r.body.system as { text: string }[]).map((b) => b.text).join("\n");

function project(files: Record<string, string>) {
  const work = tempDir("nanocode-skill-turn-");
  for (const [path, text] of Object.entries(files)) put(join(work, path), text);
  return work;
}

/** Two turns in one process: the second line is written once the first turn's result is out. */
async function twoTurns(work: string, reply: ServerOptions["reply"], first: string, second: string, extra: string[] = []) {
  server = startScriptedServer({ workdir: work, home: work, reply });
  const live = await startNanocode(["-p", "--input-format", "stream-json", "--output-format", "stream-json", "--verbose", ...extra], {
    cwd: work,
    env: { ANTHROPIC_API_KEY: "k", ANTHROPIC_BASE_URL: server.url },
  });
  live.write(userLine(first));
  await live.waitForLine((l) => l.type === "result");
  live.write(userLine(second));
  await live.waitForLine((l) => l.type === "result" && l.result_index === 1);
  live.endInput();
  const { code, stderr } = await live.exited;
  return { code, stderr, lines: live.lines as any[], requests: server.requests };
}

/** The reply for a request: the turn of the conversation it belongs to (named in its prompt), then the step within it. */
const byPrompt = (turns: Record<string, NonNullable<ServerOptions["turns"]>>) => (request: RecordedRequest) => {
  const messages = request.body.messages;
  const isPrompt = (m: (typeof messages)[number]) => m.role === "user" && !JSON.stringify(m.content).includes('"tool_result"');
  const at = messages.findLastIndex(isPrompt);
  const key = Object.keys(turns).find((k) => JSON.stringify(messages[at]!.content).includes(k))!;
  return turns[key]![(messages.length - 1 - at) / 2]!;
};

test("an inline skill's model answers the rest of its turn, and the next turn is back on the session's model", async () => {
  const work = project({ ".claude/skills/quick/SKILL.md": "---\ndescription: answer quickly\nmodel: haiku\n---\nQUICK_BODY answer in one line\n" });
  const { code, requests } = await twoTurns(
    work,
    byPrompt({
      FIRST: [[{ type: "tool_use", name: "Skill", input: { skill: "quick" } }], [{ type: "text", text: "quick answer" }]],
      SECOND: [[{ type: "text", text: "normal answer" }]],
    }),
    "FIRST question",
    "SECOND question",
  );
  expect(code).toBe(0);
  expect(requests.map((r) => r.body.model)).toEqual([ALIASES.sonnet!, ALIASES.haiku!, ALIASES.sonnet!]);
  expect(lastText(requests[1]!)).toContain("QUICK_BODY");
});

test("a skill's allowed-tools, typed by the user as /name, run without asking during its turn only", async () => {
  const work = project({ ".claude/skills/toucher/SKILL.md": "---\ndescription: creates marker files\nallowed-tools: Bash(touch:*)\n---\nTouch the files you are asked to.\n" });
  const touch = (file: string) => [{ type: "tool_use" as const, name: "Bash", input: { command: `touch ${file}` } }];
  const { lines } = await twoTurns(
    work,
    byPrompt({
      FIRST: [touch("during"), [{ type: "text", text: "done" }]],
      SECOND: [touch("after"), [{ type: "text", text: "{{last_tool_result}}" }]],
    }),
    "/toucher FIRST touch during",
    "SECOND touch after",
  );
  expect(await Bun.file(join(work, "during")).exists()).toBe(true);
  expect(await Bun.file(join(work, "after")).exists()).toBe(false);
  const [first, second] = lines.filter((l) => l.type === "result");
  expect(first.permission_denials).toEqual([]);
  expect(second.permission_denials).toMatchObject([{ tool_name: "Bash", tool_input: { command: "touch after" } }]);
});

test("a skill with paths: is left out of the prompt until a matching file is touched, then offered once; /name works any time", async () => {
  const work = project({
    ".claude/skills/pytest/SKILL.md": "---\ndescription: PYTEST_DESC run the python tests\npaths: \"**/*.py\"\n---\nPYTEST_BODY\n",
    "src/app.py": "print(1)\n",
    "src/other.py": "print(2)\n",
    "notes.txt": "notes\n",
  });
  const read = (file: string) => [{ type: "tool_use" as const, name: "Read", input: { file_path: `$WORKDIR/${file}` } }];
  server = startScriptedServer({ workdir: work, home: work, turns: [read("notes.txt"), read("src/app.py"), read("src/other.py"), [{ type: "text", text: "ok" }]] });
  const env = { ANTHROPIC_API_KEY: "k", ANTHROPIC_BASE_URL: server.url };
  const { code } = await runNanocode(["-p", "look around", "--output-format", "json"], { cwd: work, env });
  expect(code).toBe(0);
  const requests = server.requests;
  expect(systemText(requests[0]!)).not.toContain("PYTEST_DESC");
  expect(lastText(requests[1]!)).not.toContain("pytest");
  const offered = lastText(requests[2]!);
  expect(offered).toContain('The skill \\"pytest\\" applies to files like');
  expect(offered).toContain("PYTEST_DESC run the python tests");
  expect(lastText(requests[3]!)).not.toContain("PYTEST_DESC"); // once
  expect(requests.every((r) => systemText(r) === systemText(requests[0]!))).toBe(true); // the cached prefix never moved

  server.stop();
  server = startScriptedServer({ workdir: work, home: work, turns: [[{ type: "text", text: "ran" }]] });
  const typed = await runNanocode(["-p", "/pytest", "--output-format", "json"], { cwd: work, env: { ...env, ANTHROPIC_BASE_URL: server.url } });
  expect(JSON.parse(typed.stdout).result).toBe("ran");
  expect(lastText(server.requests[0]!)).toContain("PYTEST_BODY");
});

test("a forked skill with agent: runs as that agent type (its prompt, tools and model); an unknown type is one error line", async () => {
  const work = project({
    ".claude/agents/auditor.md": "---\nname: auditor\ndescription: audits\ntools: Read, Grep\nmodel: opus\n---\nYou are the auditor.\n",
    ".claude/skills/audit/SKILL.md": "---\ndescription: audit the code\ncontext: fork\nagent: auditor\n---\nAUDIT_BODY check everything\n",
    ".claude/skills/lost/SKILL.md": "---\ndescription: runs as nobody\ncontext: fork\nagent: nobody\n---\nLOST\n",
  });
  server = startScriptedServer({ workdir: work, home: work, turns: [[{ type: "text", text: "audited" }]] });
  const env = { ANTHROPIC_API_KEY: "k", ANTHROPIC_BASE_URL: server.url };
  const { stdout } = await runNanocode(["-p", "/audit"], { cwd: work, env });
  expect(stdout).toBe("audited\n");
  const [request] = server.requests;
  expect(systemText(request!)).toStartWith("You are the auditor.");
  expect(request!.body.model).toBe(ALIASES.opus!);
  expect(request!.body.tools!.map((t) => t.name).sort()).toEqual(["Grep", "Read"]);
  expect(lastText(request!)).toContain("AUDIT_BODY check everything");

  const lost = await runNanocode(["-p", "/lost"], { cwd: work, env });
  expect(lost.code).toBe(1);
  expect(lost.stderr).toStartWith("Error: /lost: Agent type 'nobody' not found. Available agents: ");
});
