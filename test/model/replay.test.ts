import { expect, test } from "bun:test";
import { join } from "node:path";
import { SessionCost } from "../../src/session/cost.ts";
import { REPLAY_MODEL, ReplayProvider } from "../../src/model/replay.ts";
import { drive, registryOf } from "../support/agent.ts";
import { put, tempDir } from "../support/tmp.ts";

test("a replayed run counts its tokens but costs nothing, in the run's totals and the session's", async () => {
  const dir = tempDir();
  put(join(dir, "script.json"), JSON.stringify({ turns: [[{ type: "text", text: "replayed answer" }]] }));
  const provider = await ReplayProvider.fromFile(join(dir, "script.json"), { workdir: dir, home: dir });
  const { events, outcome } = await drive(provider, registryOf());
  expect(outcome.result).toBe("replayed answer");
  expect(Object.keys(outcome.modelUsage)).toEqual([REPLAY_MODEL]);
  expect(outcome.usage.input_tokens).toBeGreaterThan(0);
  expect(outcome.costUSD).toBe(0);
  const cost = new SessionCost();
  for (const event of events) cost.observe(event);
  expect(cost.totalUSD).toBe(0);
});

test("a replay file of the wrong shape names the field that is wrong", async () => {
  const dir = tempDir();
  await Bun.write(join(dir, "r.json"), '{"turns": 5}');
  await expect(ReplayProvider.fromFile(join(dir, "r.json"), { workdir: dir, home: dir })).rejects.toThrow(`replay file ${join(dir, "r.json")} is not a script: turns: Invalid type: Expected Array but received 5`);
});
