import { expect, test } from "bun:test";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { runNanocode } from "../support/run.ts";
import { startScriptedServer } from "../support/scripted-server.ts";
import { tempDir } from "../support/tmp.ts";

const write = (path: string, text: string) => {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
};

test("the binary sends memory from three directory levels and an @import, and attaches subdirectory memory and path rules on touch", async () => {
  const top = tempDir("nanocode-mem-");
  const cwd = join(top, "team", "service");
  write(join(top, "CLAUDE.md"), "TOP-LEVEL: company conventions.");
  write(join(top, "team", "AGENTS.md"), "TEAM-LEVEL: run `make check` before finishing.");
  write(join(cwd, "NANOCODE.md"), "SERVICE-LEVEL: see @docs/conventions.md");
  write(join(cwd, "docs", "conventions.md"), "IMPORTED: errors are values, not exceptions.");
  write(join(cwd, "api", "CLAUDE.md"), "API-LEVEL: every handler validates its input.");
  write(join(cwd, "api", "users.ts"), "export const users = [];\n");
  write(join(cwd, ".nanocode", "rules", "migrations.md"), "---\npaths: migrations/*.sql\n---\nMIGRATIONS: never drop a column.");
  write(join(cwd, "migrations", "001.sql"), "create table t (id int);\n");

  const server = startScriptedServer({
    workdir: cwd,
    turns: [
      [
        { type: "tool_use", name: "Read", input: { file_path: "$WORKDIR/api/users.ts" } },
        { type: "tool_use", name: "Read", input: { file_path: "$WORKDIR/migrations/001.sql" } },
      ],
      [{ type: "text", text: "ok" }],
    ],
  });
  const run = await runNanocode(["-p", "review"], { cwd, env: { HOME: tempDir("nanocode-home-"), ANTHROPIC_API_KEY: "k", ANTHROPIC_BASE_URL: server.url } });
  server.stop();
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);

  const system = JSON.stringify(server.requests[0]!.body.system);
  for (const marker of ["TOP-LEVEL", "TEAM-LEVEL", "SERVICE-LEVEL", "IMPORTED"]) expect(system).toContain(marker);
  expect(system).not.toContain("API-LEVEL");
  expect(system).not.toContain("MIGRATIONS");

  const results = JSON.stringify(server.requests[1]!.body.messages.at(-1)!.content);
  expect(results).toContain("API-LEVEL");
  expect(results).toContain("MIGRATIONS: never drop a column.");
  // The system prompt did not change between requests, so the cached prefix still holds.
  expect(JSON.stringify(server.requests[1]!.body.system)).toBe(system);
});
