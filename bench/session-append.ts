// Session appends must cost the same however long the session is: time one append of a typical
// tool-result message to a fresh file and to a file already holding 100,000 lines.
import { join } from "node:path";
import { SessionStore } from "../src/session/store.ts";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const event = { type: "user" as const, message: { role: "user" as const, content: [{ type: "tool_result" as const, tool_use_id: "toolu_1", content: "x".repeat(2000) }] } };

/** Median µs per append once the file holds `lines` lines. */
export function appendMicros(dir: string, lines: number): number {
  const store = new SessionStore(join(dir, `append-${lines}.jsonl`), { sessionId: "bench", cwd: dir });
  for (let i = 0; i < lines; i++) store.append(event);
  const times: number[] = [];
  for (let i = 0; i < 200; i++) {
    const started = performance.now();
    store.append(event);
    times.push((performance.now() - started) * 1000);
  }
  store.close();
  return median(times);
}
