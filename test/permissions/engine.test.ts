import { expect, test } from "bun:test";
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadSettings } from "../../src/config/settings.ts";
import type { AskRequest } from "../../src/permissions/ask.ts";
import { collectRules } from "../../src/permissions/create.ts";
import { PermissionEngine } from "../../src/permissions/engine.ts";
import { allowing } from "../../src/skills/allowed-tools.ts";
import type { Tool } from "../../src/registry/define.ts";
import bashTool from "../../tools/bash.ts";
import { put, tempDir } from "../support/tmp.ts";
import { Bash, decide, Edit, engine, Read, tool, WebFetch, Write } from "./engine-support.ts";

const signal = new AbortController().signal;

test("read-only shell commands run without asking; others are refused in print mode with how to allow them", async () => {
  const { engine: e } = engine();
  expect(await decide(e, Bash, { command: "git status && ls -la" })).toBe("allow");
  const denied = await decide(e, Bash, { command: "npm run test -- --watch" });
  expect(denied).toContain('--allowedTools "Bash(npm run test:*)"');
  expect(denied).toContain("non-interactively");
});

test("each rule form and deny > ask > allow", async () => {
  const { engine: e, project } = engine({
    allow: ["Bash(npm test:*)", "Bash(npm run build)", "Bash(git * main)", "Edit(./src/**)", "WebFetch(domain:example.com)", "mcp__github", "Bash(rm -rf build)"],
    ask: ["Bash(npm test -- --update:*)"],
    deny: ["Bash(rm:*)", "Edit(./src/generated/**)"],
  });
  expect(await decide(e, Bash, { command: "npm test" })).toBe("allow");
  expect(await decide(e, Bash, { command: "npm test -- --update" })).toContain("asks for confirmation");
  expect(await decide(e, Bash, { command: "npm run build" })).toBe("allow");
  expect(await decide(e, Bash, { command: "npm run build --prod" })).toContain("deny");
  expect(await decide(e, Bash, { command: "git push origin main" })).toBe("allow");
  expect(await decide(e, Bash, { command: "rm -rf build" })).toContain("denied by the rule Bash(rm:*)");
  expect(await decide(e, Bash, { command: "FOO=1 timeout 5 rm -rf x" })).toContain("denied by the rule Bash(rm:*)");
  expect(await decide(e, Edit, { file_path: join(project, "src/a.ts") })).toBe("allow");
  expect(await decide(e, Write, { file_path: join(project, "src/new.ts") })).toBe("allow");
  expect(await decide(e, Edit, { file_path: join(project, "src/generated/x.ts") })).toContain("denied by the rule Edit(./src/generated/**)");
  expect(await decide(e, Edit, { file_path: join(project, "lib/a.ts") })).toContain("Edit(./lib/**)");
  expect(await decide(e, WebFetch, { url: "https://example.com/page" })).toBe("allow");
  expect(await decide(e, WebFetch, { url: "https://other.com/" })).toContain("WebFetch(domain:other.com)");
  expect(await decide(e, tool("mcp__github__create_issue"), { title: "x" })).toBe("allow");
  expect(await decide(e, tool("mcp__slack__post"), { text: "x" })).toContain("deny");
});

test("a compound command is allowed only if every part is, substitutions included", async () => {
  const { engine: e } = engine({ allow: ["Bash(npm test:*)"] });
  expect(await decide(e, Bash, { command: "npm test && git status" })).toBe("allow");
  expect(await decide(e, Bash, { command: "npm test && touch x" })).toContain("Bash(touch:*)");
  expect(await decide(e, Bash, { command: "npm test $(rm -rf x)" })).toContain("deny");
  expect(await decide(e, Bash, { command: "npm test > out.log" })).toBe("allow");
  expect(await decide(e, Bash, { command: "npm test > /etc/out.log" })).toContain("outside the working directories");
  expect(await decide(e, Bash, { command: "npm test > .git/hooks/pre-commit" })).toContain(".git/");
});

test("path rules are anchored as Claude Code documents: /x at its settings file's root, ./x where the session started, //x absolute", async () => {
  const project = tempDir();
  const home = tempDir();
  put(join(home, ".nanocode/settings.json"), JSON.stringify({ permissions: { deny: ["Edit(/notes/**)"] } }));
  put(join(project, ".claude/settings.json"), JSON.stringify({ permissions: { deny: ["Edit(/dist/**)", "Edit(./config/**)", `Edit(//${project.slice(1)}/abs/**)`] } }));
  const loaded = loadSettings(project, home);
  const { rules } = collectRules(loaded.files, { allowedTools: [], disallowedTools: [], addDir: [home] });
  const e = new PermissionEngine({ mode: "acceptEdits", rules, projectDir: project, additionalDirectories: [home], home });
  const edit = (path: string, cwd = project) => decide(e, Edit, { file_path: path }, cwd);
  // /notes/** in ~/.nanocode/settings.json is ~/.nanocode/notes/**, not <project>/notes/**.
  expect(await edit(join(home, ".nanocode/notes/a.md"))).toContain(`denied by the rule Edit(/notes/**) (${join(home, ".nanocode/settings.json")})`);
  expect(await edit(join(project, "notes/a.md"))).toBe("allow");
  // /dist/** in the project's .claude/settings.json is <project>/dist/**, not <project>/.claude/dist/**.
  expect(await edit(join(project, "dist/a.js"))).toContain("denied by the rule Edit(/dist/**)");
  expect(await edit(join(project, "abs/a.js"))).toContain("denied by the rule Edit(//");
  // A cd in the shell does not move ./config/** away from the folder it protects.
  expect(await edit(join(project, "config/a.json"), join(project, "sub"))).toContain("denied by the rule Edit(./config/**)");
  expect(await edit(join(project, "sub/config/a.json"), join(project, "sub"))).toBe("allow");
});

test("modes: plan allows only reads, acceptEdits approves edits inside the working directories only, bypass everything but deny rules", async () => {
  const plan = engine({}, "plan").engine;
  expect(await decide(plan, Read, { file_path: "/etc/hostname" })).toBe("allow");
  expect(await decide(plan, Bash, { command: "ls" })).toBe("allow");
  expect(await decide(plan, Bash, { command: "touch x" })).toContain("plan mode");
  const { engine: accept, project } = engine({}, "acceptEdits");
  expect(await decide(accept, Edit, { file_path: join(project, "a.ts") })).toBe("allow");
  expect(await decide(accept, Edit, { file_path: "/tmp/elsewhere.ts" })).toContain("outside the working directories");
  expect(await decide(accept, Bash, { command: "rm a.ts" })).toContain("deny");
  expect(await decide(accept, Bash, { command: "mv a.ts b.ts" })).toContain("deny");
  const bypass = engine({ deny: ["Bash(curl:*)"] }, "bypassPermissions").engine;
  expect(await decide(bypass, Bash, { command: "rm -rf build" })).toBe("allow");
  expect(await decide(bypass, Bash, { command: "curl x" })).toContain("denied by the rule");
  bypass.mode = "plan";
  expect(await decide(bypass, Bash, { command: "rm -rf build" })).toContain("plan mode");
});

test("edits outside the working directories, through symlinks or .., and to guarded files ask", async () => {
  const { engine: e, project } = engine({ allow: ["Edit"] }, "acceptEdits", { additionalDirectories: [] });
  const outside = tempDir();
  symlinkSync(outside, join(project, "link"));
  expect(await decide(e, Edit, { file_path: join(project, "ok.ts") })).toBe("allow");
  for (const path of [join(project, ".git/config"), join(project, ".nanocode/settings.json"), join(project, ".claude/settings.local.json"), join(project, ".bashrc")]) {
    expect(await decide(e, Write, { file_path: path })).toContain("deny");
  }
  const plain = engine({}, "acceptEdits", { projectDir: project }).engine;
  expect(await decide(plain, Write, { file_path: join(project, "link/x.ts") })).toContain("outside the working directories");
  expect(await decide(plain, Write, { file_path: join(project, "sub/../../x.ts") })).toContain("outside the working directories");
  // An allow rule covers the file really written: a link inside the allowed folder leading out is not covered.
  symlinkSync(outside, join(project, "src-link"));
  const ruled = engine({ allow: ["Edit(./src-link/**)", "Edit(./src/**)"] }, "default", { projectDir: project }).engine;
  expect(await decide(ruled, Edit, { file_path: join(project, "src-link/x.ts") })).toContain("outside the working directories");
  expect(await decide(ruled, Edit, { file_path: join(project, "src/x.ts") })).toBe("allow");
  const added = engine({}, "acceptEdits", { projectDir: project, additionalDirectories: [outside] }).engine;
  expect(await decide(added, Write, { file_path: join(project, "link/x.ts") })).toBe("allow");
});

test("a Read deny rule binds Read, Grep/Glob roots, canRead, and read-only shell commands that reach the path", async () => {
  const { engine: e, project } = engine({ deny: ["Read(./secrets/**)"] });
  mkdirSync(join(project, "secrets"));
  mkdirSync(join(project, "src"));
  writeFileSync(join(project, "secrets/key"), "SECRET");
  symlinkSync(join(project, "secrets"), join(project, "src/alias"));
  expect(await decide(e, Read, { file_path: join(project, "secrets/key") })).toContain("deny");
  expect(await decide(e, Read, { file_path: join(project, "src/alias/key") })).toContain("deny");
  expect(await decide(e, tool("Grep", true), { pattern: "x", path: "secrets" })).toContain("deny");
  expect(await decide(e, tool("Grep", true), { pattern: "x" })).toBe("allow");
  expect(e.canRead(join(project, "secrets/key"))).toBe(false);
  expect(e.canRead(join(project, "src/a.ts"))).toBe(true);
  for (const command of ["cat secrets/key", "cat src/alias/key", "grep -r SECRET .", "rg SECRET", "find . -name key", "ls -R", "cat */*", "cd secrets && cat key", "git log -p", "cat $(echo secrets/key)", "head < secrets/key"]) {
    expect([command, await decide(e, Bash, { command })]).toEqual([command, expect.stringContaining("deny")]);
  }
  for (const command of ["cat README.md", "grep -r x src/a.ts", "ls", "git status", "find src -name '*.ts'"]) {
    expect([command, await decide(e, Bash, { command })]).toEqual([command, "allow"]);
  }
});

test("asks go to the asker one at a time; 'always' saves a rule and covers the next calls", async () => {
  const project = tempDir();
  const seen: AskRequest[] = [];
  let open = 0;
  let maxOpen = 0;
  const { engine: e } = engine({}, "default", {
    projectDir: project,
    asker: {
      async ask(request) {
        seen.push(request);
        maxOpen = Math.max(maxOpen, ++open);
        await Bun.sleep(5);
        open--;
        if (request.detail.startsWith("touch")) return { answer: "always", rules: request.suggestedRules };
        return { answer: "no", reason: "not now" };
      },
    },
  });
  const results = await Promise.all([decide(e, Bash, { command: "touch a" }), decide(e, Bash, { command: "touch b" }), decide(e, Bash, { command: "rm c" })]);
  expect(results[0]).toBe("allow");
  expect(results[1]).toBe("allow");
  expect(results[2]).toContain("not now");
  expect(maxOpen).toBe(1);
  expect(seen.map((r) => r.detail)).toEqual(["touch a", "rm c"]);
  expect(seen[0]!.suggestedRules).toEqual(["Bash(touch:*)"]);
  expect(JSON.parse(readFileSync(join(project, ".nanocode/settings.local.json"), "utf8"))).toEqual({ permissions: { allow: ["Bash(touch:*)"] } });
});

test("dontAsk refuses what would ask, without asking; rules and read-only calls still run", async () => {
  const asked: string[] = [];
  const { engine: e, project } = engine({ allow: ["Bash(npm test:*)"] }, "dontAsk", { asker: { ask: async (r) => (asked.push(r.detail), { answer: "yes" }) } });
  expect(await decide(e, Bash, { command: "ls" })).toBe("allow");
  expect(await decide(e, Bash, { command: "npm test" })).toBe("allow");
  const refused = await decide(e, Bash, { command: "touch x" });
  expect(refused).toContain("the permission mode is dontAsk, so nobody can approve it");
  expect(await decide(e, Write, { file_path: join(project, "a.txt") })).toContain("deny");
  expect(asked).toEqual([]);
  expect(loadSettings(project, project).problems).toEqual([]);
  put(join(project, ".claude/settings.json"), JSON.stringify({ permissions: { defaultMode: "dontAsk" } }));
  expect(loadSettings(project, project).settings.permissions?.defaultMode).toBe("dontAsk");
});

test("PreToolUse verdicts: deny wins, allow skips asking but not deny rules, updatedInput is checked as the new input", async () => {
  const verdicts: Record<string, object> = {
    "echo deny": { decision: "deny", message: "hook says no" },
    "touch allowed": { decision: "allow" },
    "curl x": { decision: "allow" },
    "echo rewrite": { updatedInput: { command: "touch rewritten" } },
    "echo ask": { decision: "ask", message: "R_ASK" },
  };
  const { engine: e } = engine({ deny: ["Bash(curl:*)"] }, "default", { hooks: { preToolUse: async ({ input }) => verdicts[(input as { command: string }).command], postToolUse: async () => ({ context: [] }) } });
  expect(await decide(e, Bash, { command: "echo deny" })).toBe("deny: hook says no");
  expect(await decide(e, Bash, { command: "touch allowed" })).toBe("allow");
  expect(await decide(e, Bash, { command: "curl x" })).toContain("denied by the rule");
  const rewritten = await e.check({ tool: Bash, input: { command: "echo rewrite" }, readOnly: false, toolUseId: "t", cwd: "/" }, signal);
  expect(rewritten).toMatchObject({ behavior: "deny", input: { command: "touch rewritten" } });
  expect(await decide(e, Bash, { command: "echo ask" })).toBe("deny: R_ASK");
  // A hook's allow skips the usual prompt, not an ask rule.
  const { engine: asking } = engine({ ask: ["Bash(touch:*)"] }, "default", { hooks: { preToolUse: async () => ({ decision: "allow" }), postToolUse: async () => ({ context: [] }) } });
  expect(await decide(asking, Bash, { command: "touch x" })).toContain("the rule Bash(touch:*)");
  expect(await decide(asking, Bash, { command: "rm x" })).toBe("allow");
});

test("a PreToolUse hook's updatedInput that the tool does not take blocks the call with the hook named, whatever the mode", async () => {
  const { engine: e } = engine({}, "bypassPermissions", { hooks: { preToolUse: async () => ({ updatedInput: { command: 5 } }), postToolUse: async () => ({ context: [] }) } });
  expect(await decide(e, bashTool, { command: "echo hi" })).toBe(
    "deny: Bash did not run: a PreToolUse hook replaced its input with one it does not take (command: Invalid type: Expected string but received 5); the hook needs fixing.",
  );
});

test("Agent(type) and Task(type) rules name the sub-agent type; a whole tool denied is reported for withholding", async () => {
  const Agent = tool("Agent");
  const { engine: e } = engine({ deny: ["Agent(Explore)", "Task(Plan)", "WebFetch", "mcp__slack__*"] }, "bypassPermissions");
  expect(await decide(e, Agent, { description: "look", prompt: "p", subagent_type: "Explore" })).toContain("denied by the rule Agent(Explore)");
  expect(await decide(e, Agent, { description: "plan", prompt: "p", subagent_type: "Plan" })).toContain("denied by the rule Task(Plan)");
  expect(await decide(e, Agent, { description: "do", prompt: "p", subagent_type: "general-purpose" })).toBe("allow");
  expect(["WebFetch", "mcp__slack__post", "Agent", "Bash"].filter((name) => e.deniesEntirely(name))).toEqual(["WebFetch", "mcp__slack__post"]);
});

test("a skill's allowed-tools grant counts as an allow rule: PreToolUse hooks, deny rules and guarded paths still apply", async () => {
  const hooked: string[] = [];
  const hooks = {
    preToolUse: async ({ input }: { input: unknown }) => {
      const command = (input as { command?: string }).command ?? "";
      hooked.push(command);
      return command.includes("--force") ? { decision: "deny" as const, message: "no force pushes" } : undefined;
    },
    postToolUse: async () => ({ context: [] }),
  };
  const { engine: inner, project } = engine({ deny: ["Bash(git push origin main)"] }, "default", { hooks });
  const gate = allowing(inner, () => ["Bash(git push:*)", "Edit"]);
  const check = async (t: Tool, input: Record<string, unknown>) => {
    const d = await gate.check({ tool: t, input, readOnly: false, toolUseId: "t", cwd: project }, signal);
    return d.behavior === "allow" ? "allow" : `deny: ${d.message}`;
  };
  expect(await check(Bash, { command: "git push origin feature" })).toBe("allow");
  expect(await check(Bash, { command: "git push --force origin feature" })).toBe("deny: no force pushes");
  expect(await check(Bash, { command: "git push origin main" })).toContain("denied by the rule Bash(git push origin main)");
  expect(hooked).toEqual(["git push origin feature", "git push --force origin feature", "git push origin main"]);
  expect(await check(Edit, { file_path: join(project, "src/a.ts") })).toBe("allow");
  expect(await check(Edit, { file_path: join(project, ".git/config") })).toContain("deny");
});

test("a read-only command that redirects into a file asks; only a rule can approve the write", async () => {
  const { engine: e } = engine({ allow: ["Bash(sort:*)"] });
  expect(await decide(e, Bash, { command: "echo hi > out.txt" })).toContain("deny");
  expect(await decide(e, Bash, { command: "ls >> files.txt" })).toContain("deny");
  expect(await decide(e, Bash, { command: "sort -o sorted.txt names.txt" })).toBe("allow");
});
