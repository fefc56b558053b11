// JSON.parse keeps the last of a key given twice in one object, without a word: a settings file
// with two `permissions` blocks loses the first one's deny rules. Each repeated key is reported,
// and the stricter reading kept: the deny and ask rules of every copy, the rest from the last.

import { parseSpans, type Span } from "./json-spans.ts";

/** Lists that every copy of a repeated key adds to, rather than the last one replacing them. */
const STRICT_LISTS = new Set(["deny", "ask"]);

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);

function keepStricter(key: string, earlier: unknown, last: unknown): unknown {
  if (STRICT_LISTS.has(key) && Array.isArray(earlier) && Array.isArray(last)) return [...earlier.filter((x) => !last.includes(x)), ...last];
  if (!isObject(earlier) || !isObject(last)) return last;
  const kept: Record<string, unknown> = { ...last };
  for (const [name, value] of Object.entries(earlier)) {
    if (name in last) kept[name] = keepStricter(name, value, last[name]);
    else if (STRICT_LISTS.has(name)) kept[name] = value;
  }
  return kept;
}

/**
 * Folds the earlier copies of every repeated key of `text` into `json` (JSON.parse's value of
 * `text`, changed in place) and names them: their dot paths, with how many times each appears.
 */
export function foldRepeatedKeys(text: string, json: unknown): { field: string; times: number }[] {
  const found: { field: string; times: number }[] = [];
  const walk = (span: Span, value: unknown, path: string[]) => {
    if (span.kind === "array" && Array.isArray(value)) span.items!.forEach((item, i) => walk(item, value[i], [...path, String(i)]));
    if (span.kind !== "object" || !isObject(value)) return;
    // Inner repeats first: the copies kept above are then already folded.
    for (const [key, member] of span.members!) walk(member, value[key], [...path, key]);
    for (const [key, earlier] of span.repeated ?? []) {
      found.push({ field: [...path, key].join("."), times: earlier.length + 1 });
      for (const copy of earlier.toReversed()) value[key] = keepStricter(key, JSON.parse(text.slice(copy.start, copy.end)), value[key]);
    }
  };
  walk(parseSpans(text), json, []);
  return found;
}
