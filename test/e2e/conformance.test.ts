// One test per case recorded from Claude Code 2.1.328 (../shared/conformance): the fixture is built
// from files_before (mtimes 10 s apart in listing order, oldest first), the recorded turns are
// played through the scripted server against the compiled binary, and the tool results and the
// files left behind are compared with the recording.
import { afterAll, describe, expect, test } from "bun:test";
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { Message, ToolResultBlock } from "../../src/model/messages.ts";
import type { ScriptTurn } from "../../src/model/script.ts";
import { runNanocode } from "../support/run.ts";
import { startScriptedServer } from "../support/scripted-server.ts";
import { tempDir } from "../support/tmp.ts";

// CI puts shared/ beside the checkout; in a worktree it is /work/shared.
const DIR = join(import.meta.dir, "../../../shared/conformance/claude-code-2.1.328");
const SHARED = existsSync(DIR) ? DIR : "/work/shared/conformance/claude-code-2.1.328";

type Entry = { type: "file"; content: string } | { type: "dir" };
type Case = {
  case: string;
  tool: string;
  prompt: string;
  script: { turns: ScriptTurn[] };
  steps: { tool_use: { name: string }; tool_result: { is_error: boolean; text: string } }[];
  files_before: Record<string, Entry>;
  files_after: Record<string, Entry>;
  final: { result: string };
};

/** Where we differ from Claude Code on purpose (conformance/README.md, "Deliberate differences"). */
const REFUSED_UNREAD = new Set(["edit_unread", "write_existing_unread"]);

/** Tools whose result text the model relies on to the byte; for the others the first line is compared. */
const EXACT_TEXT = new Set(["Read", "Glob", "Grep", "Bash", "TodoWrite"]);

function buildFixture(dir: string, files: Record<string, Entry>): void {
  const start = Date.now() / 1000 - 3600;
  for (const [path, entry] of Object.entries(files)) {
    if (entry.type === "dir") mkdirSync(join(dir, path), { recursive: true });
    else writeFileSync(join(dir, path), entry.content);
  }
  // After everything exists, so creating a file does not bump its folder's time again.
  Object.keys(files).forEach((path, i) => utimesSync(join(dir, path), start + i * 10, start + i * 10));
}

function snapshot(dir: string): Record<string, Entry> {
  const out: Record<string, Entry> = {};
  const walk = (at: string) => {
    for (const name of readdirSync(at).sort()) {
      const full = join(at, name);
      const rel = relative(dir, full);
      if (lstatSync(full).isDirectory()) {
        out[`${rel}/`] = { type: "dir" };
        walk(full);
      } else out[rel] = { type: "file", content: readFileSync(full, "utf8") };
    }
  };
  walk(dir);
  return out;
}

const textOf = (block: ToolResultBlock) => (typeof block.content === "string" ? block.content : block.content.map((b) => (b.type === "text" ? b.text : "")).join("\n"));
const firstLine = (s: string) => s.split("\n")[0];
const sorted = (files: Record<string, Entry>) => Object.fromEntries(Object.entries(files).sort(([a], [b]) => a.localeCompare(b)));

const cases: Case[] = readdirSync(SHARED)
  .filter((f) => f.endsWith(".json") && f !== "tool-input-schemas.json")
  .sort()
  .map((f) => JSON.parse(readFileSync(join(SHARED, f), "utf8")));

const dirs: string[] = [];
afterAll(() => dirs.splice(0));

describe("conformance with Claude Code 2.1.328", () => {
  for (const c of cases) {
    const variants: [string, Record<string, string>][] = [[c.case, {}]];
    // Grep runs on ripgrep when it is on PATH, else on the built-in engine: both must match.
    if (c.tool === "Grep") variants.push([`${c.case} (built-in engine)`, { NANOCODE_GREP_ENGINE: "builtin" }]);
    for (const [name, extraEnv] of variants) test(name, async () => {
      const work = tempDir("nanocode-conf-");
      const home = tempDir("nanocode-conf-home-");
      dirs.push(work, home);
      buildFixture(work, c.files_before);
      const server = startScriptedServer({ turns: c.script.turns, workdir: work, home });
      const run = await runNanocode(["-p", c.prompt, "--dangerously-skip-permissions", "--output-format", "json"], {
        cwd: work,
        env: { HOME: home, ANTHROPIC_API_KEY: "sk-test", ANTHROPIC_BASE_URL: server.url, ...extraEnv },
      });
      server.stop();
      expect(run.stderr).toBe("");
      const fill = (s: string) => s.replaceAll("$WORKDIR", work).replaceAll("$HOME", home);

      // The tool results, in order, as the server received them.
      const last = server.requests.at(-1)!.body.messages as Message[];
      const results = last.flatMap((m) => (typeof m.content === "string" ? [] : m.content.filter((b): b is ToolResultBlock => b.type === "tool_result")));
      expect(results).toHaveLength(c.steps.length);

      c.steps.forEach((step, i) => {
        const got = results[i]!;
        const want = step.tool_result;
        if (REFUSED_UNREAD.has(c.case)) {
          expect(got.is_error).toBe(true);
          expect(textOf(got)).toContain("Read it first");
          return;
        }
        expect(got.is_error ?? false).toBe(want.is_error);
        let [gotText, wantText] = [textOf(got), fill(want.text)];
        if (c.case === "bash_long_output") {
          // Claude Code keeps long output under its own folder; we keep it in the session's, where Read reaches it.
          const saved = /Full output saved to: (\S+)/.exec(gotText)![1]!;
          expect(saved.startsWith(join(home, ".nanocode", "projects"))).toBe(true);
          expect(readFileSync(saved, "utf8")).toBe(`${Array.from({ length: 30000 }, (_, n) => n + 1).join("\n")}\n`);
          gotText = gotText.replace(saved, "<saved>");
          wantText = wantText.replace(/Full output saved to: \S+/, "Full output saved to: <saved>");
        }
        if (EXACT_TEXT.has(step.tool_use.name) && !want.is_error) expect(gotText).toBe(wantText);
        else expect(firstLine(gotText)).toBe(firstLine(wantText));
      });

      const wantAfter = REFUSED_UNREAD.has(c.case) ? c.files_before : c.files_after;
      const stripped = Object.fromEntries(Object.entries(wantAfter).map(([p, e]) => [p, e.type === "dir" ? { type: "dir" } : { type: "file", content: e.content }]));
      expect(sorted(snapshot(work))).toEqual(sorted(stripped as Record<string, Entry>));
      const result = JSON.parse(run.stdout);
      if (!REFUSED_UNREAD.has(c.case)) expect(result.result).toBe(fill(c.final.result));
      expect(run.code).toBe(0);
    });
  }
});
