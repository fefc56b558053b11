import { expect } from "bun:test";
import { join } from "node:path";
import type { Message } from "../../src/model/messages.ts";
import { type LoadedSession, loadSession } from "../../src/session/load.ts";

/** Every assistant tool_use has exactly one tool_result, in call order, in the next message. */
export function expectValidTranscript(messages: Message[]): void {
  messages.forEach((m, i) => {
    if (m.role !== "assistant") return;
    const calls = m.content.flatMap((b) => (b.type === "tool_use" ? [b.id] : []));
    if (calls.length === 0) return;
    const next = messages[i + 1];
    const results = !next || typeof next.content === "string" ? [] : next.content.flatMap((b) => (b.type === "tool_result" ? [b.tool_use_id] : []));
    expect(results).toEqual(calls);
  });
}

/** The one session file a run with this HOME wrote loads without problems or repairs, and is a valid transcript. */
export async function expectLoadableSession(home: string): Promise<LoadedSession & { id: string }> {
  const files = [...new Bun.Glob(".nanocode/projects/*/*.jsonl").scanSync({ cwd: home, dot: true })];
  expect(files).toHaveLength(1);
  const loaded = await loadSession(join(home, files[0]!));
  expect(loaded.problems).toEqual([]);
  expect(loaded.repairs).toEqual([]);
  expectValidTranscript(loaded.messages);
  return { ...loaded, id: loaded.header!.sessionId };
}
