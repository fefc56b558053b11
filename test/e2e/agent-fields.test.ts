// An existing .claude/ setup's agent fields, through the compiled binary: permissionMode and skills.
import { afterAll, expect, test } from "bun:test";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { textOf } from "../../src/model/messages.ts";
import { runNanocode } from "../support/run.ts";
import { type RecordedRequest, startScriptedServer } from "../support/scripted-server.ts";
import { tempDir } from "../support/tmp.ts";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const systemText = (r: RecordedRequest) => (r.body.system as { text: string }[]).map((b) => b.text).join("\n");
const isMain = (r: RecordedRequest) => systemText(r).startsWith("You are nanocode");
const turnOf = (r: RecordedRequest) => r.body.messages.filter((m) => m.role === "assistant").length;

test("a planner agent preloads its skill and stays in plan mode under an acceptEdits session", async () => {
  const work = tempDir("nanocode-agent-fields-");
  const home = tempDir("nanocode-agent-fields-home-");
  dirs.push(work, home);
  mkdirSync(join(work, ".claude", "agents"), { recursive: true });
  mkdirSync(join(work, ".claude", "skills", "house-style"), { recursive: true });
  writeFileSync(join(work, ".claude", "skills", "house-style", "SKILL.md"), "---\nname: house-style\ndescription: Our conventions\n---\nName every plan step STEP-n.\n");
  writeFileSync(
    join(work, ".claude", "agents", "planner.md"),
    "---\nname: planner\ndescription: Plans changes\npermissionMode: plan\nskills:\n  - house-style\ncolor: purple\nmemory: project\n---\nYou plan; you never change files.\n",
  );
  const server = startScriptedServer({
    workdir: work,
    home,
    reply(request) {
      const turn = turnOf(request);
      if (isMain(request)) {
        return turn === 0
          ? [{ type: "tool_use", name: "Agent", input: { description: "Plan it", prompt: "Plan the change.", subagent_type: "planner" } }]
          : [{ type: "text", text: "Main: {{last_tool_result}}" }];
      }
      return turn === 0 ? [{ type: "tool_use", name: "Write", input: { file_path: "$WORKDIR/new.ts", content: "x\n" } }] : [{ type: "text", text: "Planner: {{last_tool_result_first_line}}" }];
    },
  });
  const run = await runNanocode(["-p", "plan it", "--permission-mode", "acceptEdits"], { cwd: work, env: { HOME: home, ANTHROPIC_API_KEY: "sk-test", ANTHROPIC_BASE_URL: server.url } });
  server.stop();
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  expect(run.stdout).toContain("Main: Planner: ");
  expect(run.stdout).toContain("not allowed in plan mode");
  expect(existsSync(join(work, "new.ts"))).toBe(false);
  const sub = server.requests.filter((r) => !isMain(r));
  const first = textOf(sub[0]!.body.messages[0]!);
  expect(first).toContain("<command-name>/house-style</command-name>");
  expect(first).toContain("Name every plan step STEP-n.");
  expect(first.endsWith("Plan the change.")).toBe(true);
});
