import { expect, test } from "bun:test";
import { parseArgs } from "../../src/cli/args.ts";

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
