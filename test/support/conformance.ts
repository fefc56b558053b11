// Claude Code's recorded headless runs (test/fixtures/conformance, copied from
// shared/conformance/claude-code-2.1.328/headless) and helpers to compare our output with them.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ScriptTurn } from "../../src/model/script.ts";

export type RecordedCase = {
  case: string;
  argv: string[];
  stdin: { mode: string; lines: string[] } | null;
  mock: { script: { turns: ScriptTurn[] } };
  exit: { code: number; signal: string | null };
  stdout: { lines: unknown[] };
  observed: { line_types: string[] };
};

export function recordedCase(name: string): RecordedCase {
  return JSON.parse(readFileSync(join(import.meta.dir, "..", "fixtures", "conformance", `${name}.json`), "utf8"));
}

/** Claude Code's argv with our binary's flags: the same, minus the program name. */
export const argsOf = (c: RecordedCase) => c.argv.slice(1);

/** How SUMMARY.md names a line: `system/init`, `assistant`, `stream_event:message_start`, `result/success`. */
export function lineType(line: any): string {
  if (line.type === "system" || line.type === "result") return `${line.type}/${line.subtype}`;
  if (line.type === "stream_event") return `stream_event:${line.event.type}`;
  return line.type;
}

// Masked numbers in the recordings ("<ms>", "<usd>", "<tokens>") were numbers when printed.
const MASKED_NUMBER = /^<(ms|usd|tokens)>$/;

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "string" && MASKED_NUMBER.test(value)) return "number";
  return typeof value;
}

/**
 * Compares our line with Claude Code's: returns the paths of fields Claude Code prints that we do
 * not, and of fields we both print whose JSON types differ. Raw API events (`event`) are the
 * server's, not ours, and are not compared.
 */
export function shapeDifferences(ours: unknown, theirs: unknown, path = ""): { missing: string[]; wrongType: string[] } {
  const missing: string[] = [];
  const wrongType: string[] = [];
  const walk = (a: any, b: any, at: string) => {
    const [ka, kb] = [kindOf(a), kindOf(b)];
    if (ka !== kb) {
      wrongType.push(`${at} (${ka} instead of ${kb})`);
      return;
    }
    if (kb === "array" && a.length > 0 && b.length > 0) walk(a[0], b[0], `${at}[]`);
    if (kb !== "object") return;
    for (const key of Object.keys(b)) {
      const sub = at ? `${at}.${key}` : key;
      if (key === "event") continue;
      if (!(key in a)) missing.push(sub);
      // Model ids are keys of modelUsage: compare the first entry of each.
      else if (key === "modelUsage" || key === "model_usage_since_last_result") walk(Object.values(a[key])[0] ?? {}, Object.values(b[key])[0] ?? {}, `${sub}.<model>`);
      else walk(a[key], b[key], sub);
    }
  };
  walk(ours, theirs, path);
  return { missing, wrongType };
}

/**
 * Fields of Claude Code's lines that nanocode does not print, each for a reason: they describe
 * Claude Code internals (ultrathink, plugins' socket, latency probes) or data we do not have
 * (per-tool structured results beyond Bash's). README lists them.
 */
export const NOT_PRINTED = new Set([
  // system/init
  "terminal_slash_commands",
  "analytics_disabled",
  "product_feedback_disabled",
  "memory_paths",
  "original_cwd",
  "messaging_socket_path",
  "fast_mode_disabled_reason",
  "per_turn_effort_active",
  "ultrathink_available",
  "ultrathink_typed_raises",
  "view_mode",
  // assistant
  "message.usage.service_tier",
  // user
  "tool_use_result",
  "tool_result_meta",
  // stream_event
  "thinking_display",
  // result
  "ttft_stream_ms",
  "time_to_request_ms",
  "first_content_frame_ms",
  "usage.output_tokens_details",
  "usage.server_tool_use",
  "usage.service_tier",
  "usage.cache_creation",
  "usage.inference_geo",
  "usage.iterations",
  "usage.speed",
  "usage.fallback_credit",
]);
