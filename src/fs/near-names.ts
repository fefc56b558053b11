import { readdir } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** Edit distance, capped: names further apart than `max` are not "near" anyway. */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}

/** The one of `names` that `name` most likely means: the same but for case, or a typo away; undefined when none is close. */
export function nearestName(name: string, names: readonly string[]): string | undefined {
  const want = name.toLowerCase();
  const max = Math.max(1, Math.floor(want.length / 4));
  const scored = names.map((n) => ({ n, d: distance(n.toLowerCase(), want, max) })).filter((x) => x.d <= max);
  return scored.sort((a, b) => a.d - b.d)[0]?.n;
}

const stem = (name: string) => name.replace(/\.[^.]*$/, "");

/**
 * Up to three existing paths that look like a missing one: a typo, another case, or the same name
 * with another extension. They let the model recover from a wrong path in one step.
 */
export async function nearNames(path: string): Promise<string[]> {
  const want = basename(path).toLowerCase();
  const names = await readdir(dirname(path)).catch(() => [] as string[]);
  const max = Math.max(1, Math.floor(want.length / 4));
  return names
    .map((name) => {
      const lower = name.toLowerCase();
      const score = lower === want ? 0 : stem(lower) === stem(want) ? 1 : distance(lower, want, max) + 1;
      return { name, score };
    })
    .filter((n) => n.score <= max + 1)
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
    .slice(0, 3)
    .map((n) => join(dirname(path), n.name));
}
