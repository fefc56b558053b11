// A kill -9 of the binary in the middle of a large Write must leave the old file or the new one,
// never a mix: the write goes to a temp file that is renamed over the target.
import { expect, test } from "bun:test";
import { readFileSync, watch, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ensureBinary } from "../../scripts/ensure-binary.ts";
import { startScriptedServer } from "../support/scripted-server.ts";
import { tempDir } from "../support/tmp.ts";

const SIZE = 40 * 1024 * 1024;

test("kill -9 during a large Write leaves the old or the new file whole", async () => {
  const bin = await ensureBinary();
  const work = tempDir("nanocode-crash-");
  const target = join(work, "big.txt");
  writeFileSync(target, "a".repeat(SIZE));
  const server = startScriptedServer({
    workdir: work,
    home: work,
    turns: [
      [{ type: "tool_use", name: "Read", input: { file_path: "$WORKDIR/big.txt", limit: 1 } }],
      [{ type: "tool_use", name: "Write", input: { file_path: "$WORKDIR/big.txt", content: "b".repeat(SIZE) } }],
      [{ type: "text", text: "done" }],
    ],
  });
  const proc = Bun.spawn([bin, "-p", "rewrite big.txt", "--dangerously-skip-permissions"], {
    cwd: work,
    env: { PATH: process.env.PATH!, HOME: work, ANTHROPIC_API_KEY: "sk-test", ANTHROPIC_BASE_URL: server.url },
    stdio: ["ignore", "ignore", "ignore"],
  });
  // Kill the moment the temp file appears: the write is under way.
  let sawTemp = false;
  const watcher = watch(work, (_event, name) => {
    if (!sawTemp && name?.includes(".nanocode-") && name.endsWith(".tmp")) {
      sawTemp = true;
      proc.kill("SIGKILL");
    }
  });
  const code = await proc.exited;
  watcher.close();
  server.stop();
  expect(sawTemp).toBe(true);
  expect(code).not.toBe(0);
  const after = readFileSync(target, "latin1");
  expect(after.length).toBe(SIZE);
  expect(after === "a".repeat(SIZE) || after === "b".repeat(SIZE)).toBe(true);
});
