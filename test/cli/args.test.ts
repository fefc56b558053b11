import { expect, test } from "bun:test";
import { parseArgs, unhonouredLines } from "../../src/cli/args.ts";

test("--resume takes an id when one follows, and is true alone or before another flag", () => {
  expect(parseArgs(["--resume", "abc"]).resume).toBe("abc");
  expect(parseArgs(["-r=abc", "a prompt"])).toMatchObject({ resume: "abc", positional: ["a prompt"] });
  expect(parseArgs(["-r"]).resume).toBe(true);
  expect(parseArgs(["-r", "--fork-session"])).toMatchObject({ resume: true, forkSession: true });
  // As with Claude Code's --resume [value], a word after it is its value, not the prompt.
  expect(parseArgs(["--resume", "fix the bug"])).toMatchObject({ resume: "fix the bug", positional: [] });
  expect(() => parseArgs(["--resume="])).toThrow("option '--resume' needs a session id");
  expect(() => parseArgs(["-r", "-c"])).toThrow("cannot be used together");
});

test("--thinking alone, with =value or with a next word that is a mode; any other word stays the prompt", () => {
  expect(parseArgs(["-p", "--thinking", "hi"])).toMatchObject({ thinking: "enabled", positional: ["hi"] });
  expect(parseArgs(["--thinking=adaptive"]).thinking).toBe("adaptive");
  expect(parseArgs(["--thinking", "disabled", "hi"])).toMatchObject({ thinking: "disabled", positional: ["hi"] });
  expect(() => parseArgs(["--thinking=sometimes"])).toThrow("option '--thinking' must be adaptive, enabled, disabled (got 'sometimes')");
});

test("the Agent SDK's flags: --effort, --betas (comma lists, repeatable), --allow-dangerously-skip-permissions, --await-initialize", () => {
  const o = parseArgs(["--effort=high", "--betas=a,b", "--betas", "c", "--allow-dangerously-skip-permissions", "--await-initialize", "--initialize-fields=settings"]);
  expect(o).toMatchObject({ effort: "high", betas: ["a", "b", "c"], allowDangerouslySkipPermissions: true, awaitInitialize: true, initializeFields: "settings" });
  expect(() => parseArgs(["--effort", "huge"])).toThrow("option '--effort' must be low, medium, high, xhigh or max");
});

test("flags for Claude Code features nanocode lacks are accepted, their values consumed, with one warning line each", () => {
  const o = parseArgs(["--task-budget", "5", "--debug", "--plugin-dir-no-mcp=/x", "--plugin-dir-no-mcp", "/y", "-p", "hi"]);
  expect(o.positional).toEqual(["hi"]);
  expect(unhonouredLines(o)).toEqual([
    "--task-budget is not supported: nanocode has no task budgets (--max-budget-usd limits cost); ignored",
    "--debug is not supported: nanocode keeps no debug log (--verbose shows more on stderr); ignored",
    "--plugin-dir-no-mcp is not supported: a plugin folder's MCP servers cannot be left out (use --plugin-dir); ignored",
  ]);
});

test("--plugin-dir repeats, each value one plugin folder", () => {
  expect(parseArgs(["--plugin-dir=/x", "--plugin-dir", "/y", "-p", "hi"]).pluginDir).toEqual(["/x", "/y"]);
  expect(() => parseArgs(["--no-such-flag"])).toThrow("unknown option '--no-such-flag'");
});
