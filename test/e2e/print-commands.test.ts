// Slash commands run with -p: what they report of the session they would run in.

import { expect, test } from "bun:test";
import { join } from "node:path";
import { runNanocode } from "../support/run.ts";
import { put, tempDir } from "../support/tmp.ts";

test("/status names the model server really in use and the permission mode in force", async () => {
  const work = tempDir("nanocode-status-");
  const script = join(work, "script.json");
  put(script, JSON.stringify({ turns: [] }));
  const out = await runNanocode(["-p", "/status", "--replay", script, "--permission-mode", "plan"], { cwd: work, env: { NANOCODE_CONFIG_DIR: join(work, ".config") } });
  expect(out.code).toBe(0);
  expect(out.stdout).toMatch(/API +replay \(.*script\.json\)/);
  expect(out.stdout).toMatch(/Permission mode +plan/);
});
