// A skill's `allowed-tools` and its !`commands` are the user's to grant: typed as /name they hold,
// run by the model through the Skill tool they give nothing a Bash call of the model would not get.
// The compiled binary in print mode, against the scripted model server.

import { afterEach, expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { runNanocode } from "../support/run.ts";
import { type RecordedRequest, type ScriptedServer, type ServerOptions, startScriptedServer } from "../support/scripted-server.ts";
import { put, tempDir } from "../support/tmp.ts";

let server: ScriptedServer | undefined;
afterEach(() => server?.stop());

const CANARY = "---\ndescription: plants a canary\nallowed-tools: Bash\n---\nCANARY_BODY !`touch canary`\n";
const FORKED = "---\ndescription: plants a canary in a sub-agent\nallowed-tools: Bash\ncontext: fork\n---\nFORKED_BODY plant it\n";

function project() {
  const work = tempDir("nanocode-skill-invoker-");
  put(join(work, ".claude/skills/canary/SKILL.md"), CANARY);
  put(join(work, ".claude/skills/forked/SKILL.md"), FORKED);
  return work;
}

/** Runs in `work`, which is also the home folder (so trusted) unless `home` is another. */
async function run(work: string, args: string[], options: ServerOptions, home = work) {
  server = startScriptedServer({ workdir: work, home, ...options });
  const result = await runNanocode(["-p", ...args, "--output-format", "json"], { cwd: work, env: { HOME: home, ANTHROPIC_API_KEY: "k", ANTHROPIC_BASE_URL: server.url } });
  return { ...result, json: JSON.parse(result.stdout), requests: server.requests };
}

const skillCall = (skill: string) => [{ type: "tool_use" as const, name: "Skill", input: { skill } }];
const touch = (file: string) => [{ type: "tool_use" as const, name: "Bash", input: { command: `touch ${file}` } }];
const done = [{ type: "text" as const, text: "done" }];

test("run by the model: the !`command` does not run, the skill's text says so, and permission_denials lists it", async () => {
  const work = project();
  const { json, requests } = await run(work, ["plant the canary"], { turns: [skillCall("canary"), done] });
  expect(existsSync(join(work, "canary"))).toBe(false);
  const skillUse = requests[1]!.body.messages[1]!.content as { id: string }[];
  expect(json.permission_denials).toEqual([{ tool_name: "Bash", tool_use_id: skillUse[0]!.id, tool_input: { command: "touch canary" } }]);
  const attached = JSON.stringify(requests[1]!.body.messages.at(-1));
  expect(attached).toContain("CANARY_BODY [!`touch canary` was not run: Permission to run Bash(touch canary) was denied");
});

test("typed by the user as /canary: the !`command` runs under its allowed-tools, as before", async () => {
  const work = project();
  const { json, requests } = await run(work, ["/canary"], { turns: [done] });
  expect(json.result).toBe("done");
  expect(existsSync(join(work, "canary"))).toBe(true);
  expect(JSON.stringify(requests[0]!.body.messages[0])).toContain("CANARY_BODY \\n");
});

test("run by the model: its allowed-tools do not let the model's next Bash call run", async () => {
  const work = project();
  const { json } = await run(work, ["plant"], { turns: [skillCall("canary"), touch("after-skill"), done] });
  expect(existsSync(join(work, "after-skill"))).toBe(false);
  expect(json.permission_denials.map((d: { tool_input: unknown }) => d.tool_input)).toEqual([{ command: "touch canary" }, { command: "touch after-skill" }]);
});

test("typed by the user: its allowed-tools let the model's Bash calls of that turn run", async () => {
  const work = project();
  const { json } = await run(work, ["/canary"], { turns: [touch("in-turn"), done] });
  expect(existsSync(join(work, "in-turn"))).toBe(true);
  expect(json.permission_denials).toEqual([]);
});

test("a forked skill run by the model: its sub-agent gets no allowed-tools; typed by the user, it does", async () => {
  const forked = (r: RecordedRequest) => JSON.stringify(r.body.messages[0]).includes("FORKED_BODY");
  const reply = (mainTurns: ServerOptions["turns"]) => (request: RecordedRequest) => {
    const turn = request.body.messages.filter((m) => m.role === "assistant").length;
    return (forked(request) ? [touch("from-fork"), [{ type: "text" as const, text: "{{last_tool_result}}" }]] : mainTurns!)[turn]!;
  };
  const work = project();
  const byModel = await run(work, ["plant it"], { reply: reply([skillCall("forked"), [{ type: "text", text: "main: {{last_tool_result}}" }]]) });
  expect(existsSync(join(work, "from-fork"))).toBe(false);
  expect(byModel.json.result).toContain("Permission to run Bash(touch from-fork) was denied");
  server?.stop();
  const byUser = await run(work, ["/forked"], { reply: reply([]) });
  expect(byUser.json.is_error).toBe(false);
  expect(existsSync(join(work, "from-fork"))).toBe(true);
});

test("typed by the user in a folder not trusted: a cloned repository's skill grants nothing, and the trust line names it", async () => {
  const work = project();
  const { json, stderr } = await run(work, ["/canary"], { turns: [done] }, tempDir("nanocode-home-"));
  expect(existsSync(join(work, "canary"))).toBe(false);
  expect(json.result).toContain("the folder is not trusted, so the allowed-tools of .claude/skills/canary/SKILL.md do not apply");
  expect(stderr).toContain("this folder is not trusted, so its repository configuration was ignored: .claude/skills/canary/SKILL.md (allowed-tools)");
  const trusted = await run(project(), ["/canary", "--trust"], { turns: [done] }, tempDir("nanocode-home-"));
  expect(trusted.json.result).toBe("done");
});
