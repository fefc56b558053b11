// The adversarial corpus through the permission engine as print mode uses it (default mode, no
// rules, nobody to ask): no dangerous command is approved, nearly every everyday read is.

import { beforeAll, expect, test } from "bun:test";
import { homedir } from "node:os";
import { Bash, decide, engine } from "./engine-support.ts";
import { DANGEROUS, EVERYDAY } from "./cases/adversarial.ts";
import { type AdversarialWorld, adversarialWorld, everydayProject } from "./cases/adversarial-fixture.ts";

let world: AdversarialWorld;
beforeAll(() => {
  world = adversarialWorld(homedir());
});

async function approved(commands: string[], projectDir = world.project): Promise<string[]> {
  const { engine: e } = engine({}, "default", { projectDir });
  const verdicts = await Promise.all(commands.map(async (command) => [command, await decide(e, Bash, { command })] as const));
  return verdicts.filter(([, verdict]) => verdict === "allow").map(([command]) => command);
}

test("the corpus has at least 300 dangerous commands", () => {
  expect(Object.values(DANGEROUS).flat().length).toBeGreaterThanOrEqual(300);
});

for (const [kind, commands] of Object.entries(DANGEROUS)) {
  test(`never approved without a prompt: ${kind}`, async () => {
    expect(await approved(commands)).toEqual([]);
  });
}

test("at least 95% of everyday reads are approved without a prompt", async () => {
  const ok = await approved(EVERYDAY, everydayProject());
  const asked = EVERYDAY.filter((c) => !ok.includes(c));
  expect({ asked, share: ok.length / EVERYDAY.length >= 0.95 }).toEqual({ asked, share: true });
});
