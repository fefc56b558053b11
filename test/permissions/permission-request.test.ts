// PermissionRequest hooks: asked before a person is, only where a person could be asked.
import { expect, test } from "bun:test";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Hooks } from "../../src/hooks/hooks.ts";
import type { AskRequest } from "../../src/permissions/ask.ts";
import { tempDir } from "../support/tmp.ts";
import { Bash, engine } from "./engine-support.ts";

const signal = new AbortController().signal;

/** An engine whose PermissionRequest hook (matcher Bash) keeps its stdin and prints `output`; the person says yes. */
function withHook(output: string, options: { asker?: boolean } = {}) {
  const project = tempDir();
  writeFileSync(join(project, "hook.sh"), `cat > "${project}/stdin.json"\necho '${output}'\n`);
  const hooks = new Hooks({ PermissionRequest: [{ matcher: "Bash", hooks: [{ type: "command", command: `bash ${project}/hook.sh` }] }] }, { sessionId: "s1", transcriptPath: "/t", cwd: project, projectDir: project, mode: () => "default" }, () => {});
  const asked: AskRequest[] = [];
  const asker = options.asker === false ? undefined : { ask: async (r: AskRequest) => (asked.push(r), { answer: "yes" as const }) };
  const { engine: e } = engine({}, "default", { projectDir: project, hooks, asker });
  const check = (command: string) => e.check({ tool: Bash, input: { command }, readOnly: false, toolUseId: "t1", cwd: project }, signal);
  const stdin = () => JSON.parse(readFileSync(join(project, "stdin.json"), "utf8"));
  return { check, asked, stdin, project };
}

const decision = (d: object) => JSON.stringify({ hookSpecificOutput: { hookEventName: "PermissionRequest", decision: d } });

test("a PermissionRequest hook's allow answers for the person, with its updatedInput", async () => {
  const { check, asked, stdin } = withHook(decision({ behavior: "allow", updatedInput: { command: "touch b" } }));
  expect(await check("touch a")).toEqual({ behavior: "allow", input: { command: "touch b" } });
  expect(asked).toEqual([]);
  expect(stdin()).toMatchObject({
    hook_event_name: "PermissionRequest",
    tool_name: "Bash",
    tool_input: { command: "touch a" },
    permission_mode: "default",
    permission_suggestions: [{ type: "addRules", rules: [{ toolName: "Bash", ruleContent: "touch:*" }], behavior: "allow", destination: "localSettings" }],
  });
});

test("its deny refuses with its message; interrupt also ends the run", async () => {
  const denied = withHook(decision({ behavior: "deny", message: "not on Fridays" }));
  expect(await denied.check("touch a")).toEqual({ behavior: "deny", message: "not on Fridays", input: { command: "touch a" } });
  expect(denied.asked).toEqual([]);
  const interrupted = withHook(decision({ behavior: "deny", message: "stop it", interrupt: true }));
  expect(await interrupted.check("touch a")).toMatchObject({ behavior: "deny", message: "stop it", stop: "stop it" });
});

test("without a decision the person is asked; calls that need no asking, and print mode, run no hook", async () => {
  const undecided = withHook("{}");
  expect(await undecided.check("touch a")).toMatchObject({ behavior: "allow" });
  expect(undecided.asked.map((r) => r.detail)).toEqual(["touch a"]);
  const quiet = withHook(decision({ behavior: "allow" }));
  expect(await quiet.check("ls")).toMatchObject({ behavior: "allow" });
  const headless = withHook(decision({ behavior: "allow" }), { asker: false });
  expect((await headless.check("touch a")).behavior).toBe("deny");
  for (const { project } of [quiet, headless]) expect(() => readFileSync(join(project, "stdin.json"))).toThrow();
});
