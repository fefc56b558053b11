// Read-only commands that would print a secret, issued as Bash calls through the compiled binary in
// print mode with no permission flags, with a fake home full of credentials, a project holding
// secrets and links into that home, and secrets in nanocode's own environment. Each must be
// denied, and no secret may reach the model.

import { afterAll, expect, test } from "bun:test";
import { runShellCalls, stopShellServer } from "../support/shell-calls.ts";
import { secretHome, secretProject } from "../support/secret-project.ts";
import { SECRET_ATTACKS } from "../permissions/cases/attacks-secrets.ts";

afterAll(stopShellServer);

const home = secretHome();
const project = secretProject(home);
const ENV = { HOME: home, TOKEN: "LEAKED_TOKEN", GITHUB_TOKEN: "LEAKED_GITHUB", AWS_SECRET_ACCESS_KEY: "LEAKED_AWS", OPENAI_API_KEY: "LEAKED_OPENAI" };

test("bash itself prints the secrets: the fixture is real", () => {
  const samples = ["cat ~/.ssh/id_rsa", "head ~/.aws/credentials", "echo $TOKEN", "printenv GITHUB_TOKEN", "cat /proc/self/environ", "cat keys/id_rsa", "cat notes.txt", "grep -r LEAKED config", "cat .e*", "git config --global --list", "git show HEAD:.env"];
  for (const command of samples) {
    const run = Bun.spawnSync(["bash", "-c", command], { cwd: project, env: { PATH: process.env.PATH ?? "/usr/bin:/bin", ...ENV } });
    expect([command, run.stdout.toString()]).toEqual([command, expect.stringContaining("LEAKED_")]);
  }
});

test("every secret-exposing command is denied in print mode and no secret reaches the model", async () => {
  const commands = Object.values(SECRET_ATTACKS).flat();
  const { stderr, result, results } = await runShellCalls(commands, project, { env: ENV });
  expect(stderr).toBe("");
  expect(results).toHaveLength(commands.length);
  expect(results.filter((r) => r.includes("LEAKED_"))).toEqual([]);
  expect(commands.filter((_, i) => !results[i]!.startsWith("Permission to run"))).toEqual([]);
  expect(result.permission_denials).toHaveLength(commands.length);
}, 120_000);
