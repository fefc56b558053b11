import { expect, test } from "bun:test";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadSettings } from "../../src/config/settings.ts";
import { tempDir } from "../support/tmp.ts";

test("a malformed rule or hook costs only itself, named with its file and field", () => {
  const cwd = tempDir();
  mkdirSync(join(cwd, ".nanocode"));
  const file = join(cwd, ".nanocode/settings.json");
  writeFileSync(
    file,
    JSON.stringify({
      permissions: { allow: ["Bash(npm test:*)", "Bash(npm", "Read()"], deny: ["Read(./secrets/**)"] },
      hooks: {
        PreToolUse: [{ matcher: "Bash", hooks: [{ type: "command", command: "echo ok" }] }, { matcher: "Edit", hooks: [{ type: "prompt", prompt: "x" }] }],
        Stop: "not a list",
      },
    }),
  );
  const { settings, problems } = loadSettings(cwd, tempDir());
  expect(settings.permissions?.allow).toEqual(["Bash(npm test:*)"]);
  expect(settings.permissions?.deny).toEqual(["Read(./secrets/**)"]);
  expect(settings.hooks?.PreToolUse).toEqual([{ matcher: "Bash", hooks: [{ type: "command", command: "echo ok" }] }]);
  expect(settings.hooks?.Stop).toBeUndefined();
  expect(problems).toHaveLength(4);
  expect(problems[0]).toBe(`${file}: field "permissions.allow.1": "Bash(npm" is not a permission rule (expected Tool or Tool(specifier)); that field is ignored`);
  expect(problems.some((p) => p.includes('field "hooks.PreToolUse.1"') && p.includes('only hooks of type "command"'))).toBe(true);
  expect(problems.some((p) => p.includes('field "hooks.Stop"'))).toBe(true);
});
