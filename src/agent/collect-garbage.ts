// JavaScriptCore collects when its heap grows fast, but a session makes its garbage in small
// steps (each turn's request body, streamed response and tool result), and a long session kept it:
// 1,000 scripted turns left about 30 MiB of dead objects resident while the live heap stayed at
// 9 MiB. A full collection each time the resident size has grown by a step keeps it flat
// (bench/long-session.ts); it runs while a model request is on its way, so no one waits for it.
// The first request collects once too: a full collection starts helper threads the first time, and
// doing that early keeps it from happening when a command has taken every process slot (Bun
// aborts when it cannot start a thread; test/e2e/process-limits.test.ts).

const STEP_BYTES = 4 * 1024 * 1024;
let baseline = 0;

/** Call once a model request has been started: collects then, the first time and whenever memory grew by a step since the last. */
export function collectIfGrown(): void {
  const rss = process.memoryUsage.rss();
  if (baseline !== 0 && rss - baseline < STEP_BYTES) return;
  baseline = rss;
  setImmediate(() => {
    Bun.gc(true);
    baseline = process.memoryUsage.rss();
  });
}
