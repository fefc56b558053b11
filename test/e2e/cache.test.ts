import { expect, test } from "bun:test";
import { cacheShares } from "../support/cache-session.ts";

test("in a 10-turn session every request after the first reads at least 90% of its input from cache", async () => {
  const shares = await cacheShares();
  expect(shares).toHaveLength(10);
  expect(shares[0]).toBe(0);
  for (const share of shares.slice(1)) expect(share).toBeGreaterThanOrEqual(0.9);
});
