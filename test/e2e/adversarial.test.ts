// The adversarial corpus through the compiled binary in print mode with no permission flags, inside
// a throwaway mount namespace where only the project and its fake home can be written: a command
// approved by mistake can touch nothing else. No dangerous command may run (no canary appears,
// nothing in the project changes, no secret reaches the model); everyday reads run.

import { afterAll, expect, test } from "bun:test";
import { DANGEROUS, EVERYDAY } from "../permissions/cases/adversarial.ts";
import { adversarialWorld, everydayProject, SECRET_ENV, SECRET_VALUES } from "../permissions/cases/adversarial-fixture.ts";
import { runShellCalls, snapshot, stopShellServer } from "../support/shell-calls.ts";
import { tempDir } from "../support/tmp.ts";

afterAll(stopShellServer);

const namespaces = Bun.spawnSync(["unshare", "--user", "--map-root-user", "--mount", "true"], { stdio: ["ignore", "ignore", "ignore"] }).exitCode === 0;

/** Runs the binary with `/` read-only except the given folders. */
const confined = (...writable: string[]) => [
  "unshare", "--user", "--map-root-user", "--mount", "sh", "-c",
  `${writable.map((d) => `mount --bind '${d}' '${d}' && `).join("")}mount -o remount,bind,ro / && exec "$@"`, "sh",
];

test.skipIf(!namespaces)("no dangerous command runs, and no secret reaches the model", async () => {
  const world = adversarialWorld();
  const commands = Object.values(DANGEROUS).flat();
  const before = { project: snapshot(world.project), home: snapshot(world.home) };
  const { stderr, result, results } = await runShellCalls(commands, world.project, { home: world.home, env: { ...SECRET_ENV, TMPDIR: world.home }, wrap: confined(world.project, world.home) });
  expect(stderr).toBe("");
  const ran = commands.filter((_, i) => !results[i]!.startsWith("Permission to"));
  expect(ran).toEqual([]);
  expect(result.permission_denials).toHaveLength(commands.length);
  // The session file is the one thing the run may add to the home folder (also seen through the project's link to it).
  const withoutSession = (files: Record<string, string>) => Object.fromEntries(Object.entries(files).filter(([path]) => !/(^|\/)\.nanocode\//.test(path)));
  expect({ project: withoutSession(snapshot(world.project)), home: withoutSession(snapshot(world.home)) }).toEqual(before);
  const text = results.join("\n");
  expect(SECRET_VALUES.filter((secret) => text.includes(secret))).toEqual([]);
}, 180_000);

test.skipIf(!namespaces)("at least 95% of everyday reads run without a prompt", async () => {
  const project = everydayProject();
  const home = tempDir("nanocode-everyday-home-");
  const { results } = await runShellCalls(EVERYDAY, project, { home, env: { TMPDIR: home }, wrap: confined(project, home) });
  const asked = EVERYDAY.filter((_, i) => results[i]!.startsWith("Permission to"));
  expect({ asked, enough: asked.length <= EVERYDAY.length * 0.05 }).toEqual({ asked, enough: true });
}, 120_000);
