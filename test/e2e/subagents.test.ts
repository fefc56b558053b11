import { afterAll, expect, test } from "bun:test";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cwdSlug } from "../../src/config/paths.ts";
import { textOf, type ToolResultBlock } from "../../src/model/messages.ts";
import { SMALL_MODEL } from "../../src/model/models.ts";
import { runNanocode } from "../support/run.ts";
import { type RecordedRequest, startScriptedServer } from "../support/scripted-server.ts";
import { tempDir } from "../support/tmp.ts";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function project() {
  const work = tempDir("nanocode-agents-");
  const home = tempDir("nanocode-agents-home-");
  dirs.push(work, home);
  writeFileSync(join(work, "alpha.ts"), "export const alpha = 1;\n");
  writeFileSync(join(work, "beta.ts"), "export const beta = 2;\n");
  return { work, home };
}

const systemText = (r: RecordedRequest) => (r.body.system as { text: string }[]).map((b) => b.text).join("\n");
const isMain = (r: RecordedRequest) => systemText(r).startsWith("You are nanocode");
const firstPrompt = (r: RecordedRequest) => textOf(r.body.messages[0]!);
const toolResults = (r: RecordedRequest) => r.body.messages.at(-1)!.content as ToolResultBlock[];

/** Resolves when `count` requests matching have arrived, or fails after a while (then they did not overlap). */
function barrier(count: number) {
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return {
    arrive: async () => {
      if (++arrived === count) open();
      const timedOut = await Promise.race([opened.then(() => false), Bun.sleep(10_000).then(() => true)]);
      if (timedOut) throw new Error(`only ${arrived} of ${count} requests arrived together`);
    },
  };
}

test("two Explore agents run in parallel, each with its own context, and the main agent gets both reports", async () => {
  const { work, home } = project();
  const together = barrier(2);
  const server = startScriptedServer({
    workdir: work,
    home,
    async reply(request) {
      const turn = request.body.messages.filter((m) => m.role === "assistant").length;
      if (isMain(request)) {
        if (turn === 0) {
          return [
            { type: "tool_use", name: "Agent", input: { description: "Find alpha", prompt: "Where is alpha defined?", subagent_type: "Explore" } },
            { type: "tool_use", name: "Agent", input: { description: "Find beta", prompt: "Where is beta defined?", subagent_type: "Explore" } },
          ];
        }
        return [{ type: "text", text: "Both found." }];
      }
      const which = firstPrompt(request).includes("alpha") ? "alpha" : "beta";
      if (turn === 0) {
        // Both agents' first requests must be in flight at once before either gets an answer.
        await together.arrive();
        return [{ type: "tool_use", name: "Grep", input: { pattern: `const ${which}` } }];
      }
      return [{ type: "text", text: `${which} is defined in ${which}.ts ({{last_tool_result_first_line}})` }];
    },
  });
  const run = await runNanocode(["-p", "find alpha and beta", "--output-format", "json"], {
    cwd: work,
    env: { HOME: home, ANTHROPIC_API_KEY: "sk-test", ANTHROPIC_BASE_URL: server.url },
  });
  server.stop();
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);

  const main = server.requests.filter(isMain);
  const sub = server.requests.filter((r) => !isMain(r));
  expect(main).toHaveLength(2);
  expect(sub).toHaveLength(4);
  // The agent types are listed for the main agent only.
  expect(systemText(main[0]!)).toContain("- Explore: ");
  for (const r of sub) {
    expect(systemText(r)).toContain("file search specialist");
    expect(systemText(r)).toContain(`Working directory: ${work}`);
    expect(r.body.model).toBe(SMALL_MODEL);
    const tools = r.body.tools!.map((t) => t.name);
    expect(tools).toContain("Grep");
    for (const writer of ["Edit", "Write", "Agent", "AskUserQuestion"]) expect(tools).not.toContain(writer);
    // Its own context: the task, not the main conversation.
    expect(firstPrompt(r)).toMatch(/^Where is (alpha|beta) defined\?$/);
  }
  const reports = toolResults(main[1]!).map((b) => [b.content, b.is_error ?? false]);
  expect(reports).toEqual([
    ["alpha is defined in alpha.ts (Found 1 file)", false],
    ["beta is defined in beta.ts (Found 1 file)", false],
  ]);

  const result = JSON.parse(run.stdout);
  expect(result.result).toBe("Both found.");
  expect(Object.keys(result.modelUsage)).toContain(SMALL_MODEL);
  expect(result.modelUsage[SMALL_MODEL].outputTokens).toBeGreaterThan(0);

  // Each sub-agent's transcript is kept beside the session.
  const folder = join(home, ".nanocode", "projects", cwdSlug(work), result.session_id, "subagents");
  const transcripts = readdirSync(folder);
  expect(transcripts).toHaveLength(2);
  const lines = readFileSync(join(folder, transcripts[0]!), "utf8").trim().split("\n").map((l) => JSON.parse(l));
  expect(lines[0]).toMatchObject({ type: "session", cwd: work });
  expect(lines.at(-1)).toMatchObject({ type: "done" });
});

test("a custom agent from .claude/agents/ runs with its own prompt, tools and model", async () => {
  const { work, home } = project();
  mkdirSync(join(work, ".claude", "agents"), { recursive: true });
  writeFileSync(
    join(work, ".claude", "agents", "reviewer.md"),
    "---\nname: reviewer\ndescription: Reviews code for bugs\ntools: Read, Grep\nmodel: opus\n---\nYou are a strict code reviewer. List every bug you find.\n",
  );
  const server = startScriptedServer({
    workdir: work,
    home,
    reply(request) {
      const turn = request.body.messages.filter((m) => m.role === "assistant").length;
      if (isMain(request)) {
        return turn === 0
          ? [{ type: "tool_use", name: "Agent", input: { description: "Review alpha", prompt: "Review alpha.ts", subagent_type: "reviewer" } }]
          : [{ type: "text", text: "Review: {{last_tool_result}}" }];
      }
      return turn === 0 ? [{ type: "tool_use", name: "Read", input: { file_path: "$WORKDIR/alpha.ts" } }] : [{ type: "text", text: "No bugs in: {{last_tool_result}}" }];
    },
  });
  const run = await runNanocode(["-p", "review alpha"], { cwd: work, env: { HOME: home, ANTHROPIC_API_KEY: "sk-test", ANTHROPIC_BASE_URL: server.url } });
  server.stop();
  expect(run.stderr).toBe("");
  expect(run.stdout).toStartWith("Review: No bugs in: 1\texport const alpha = 1;");
  expect(systemText(server.requests[0]!)).toContain("- reviewer: Reviews code for bugs (tools: Read, Grep)");
  const sub = server.requests.filter((r) => !isMain(r));
  expect(sub).toHaveLength(2);
  expect(systemText(sub[0]!)).toStartWith("You are a strict code reviewer. List every bug you find.");
  expect(sub[0]!.body.model).toBe("claude-opus-5-5");
  expect(sub[0]!.body.tools!.map((t) => t.name).sort()).toEqual(["Grep", "Read"]);
});
