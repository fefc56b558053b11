// What an edit waits for: never longer than the bound, and nothing at all where no server applies.
import { expect, test } from "bun:test";
import { join } from "node:path";
import { configuredLspServers } from "../../src/lsp/config.ts";
import { LspManager } from "../../src/lsp/manager.ts";
import { put, tempDir } from "../support/tmp.ts";

const signal = new AbortController().signal;
const slow = (extra: Record<string, unknown> = {}) => configuredLspServers([{ path: "s.json", settings: { lspServers: { slow: { command: "sh", args: ["-c", "sleep 20"], extensionToLanguage: { ".ts": "typescript" }, startupTimeout: 20_000, ...extra } } } }], []);

test("a server still starting when the bound is reached: the edit returns at the bound with one line saying so", async () => {
  const dir = tempDir();
  put(join(dir, "a.ts"), "x\n");
  const lsp = new LspManager(slow(), dir, { waitMs: 300 });
  try {
    const started = performance.now();
    expect(await lsp.afterEdit([join(dir, "a.ts")], signal)).toBe('(language server "slow" is still starting: no diagnostics for this edit)');
    expect(performance.now() - started).toBeLessThan(3000);
    expect(lsp.status()[0]!.state).toBe("starting");
  } finally {
    await lsp.close();
  }
});

test("files no server takes, and a bound of 0, wait for nothing and start nothing", async () => {
  const dir = tempDir();
  put(join(dir, "a.md"), "x\n");
  put(join(dir, "a.ts"), "x\n");
  const lsp = new LspManager(slow(), dir, { waitMs: 3000 });
  expect(await lsp.afterEdit([join(dir, "a.md")], signal)).toBe("");
  expect(await new LspManager(slow(), dir, { waitMs: 0 }).afterEdit([join(dir, "a.ts")], signal)).toBe("");
  expect(lsp.status()[0]!.state).toBe("idle");
  await lsp.close();
});

test("an interrupted edit stops waiting at once", async () => {
  const dir = tempDir();
  put(join(dir, "a.ts"), "x\n");
  const lsp = new LspManager(slow(), dir, { waitMs: 60_000 });
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 200);
  try {
    const started = performance.now();
    await lsp.afterEdit([join(dir, "a.ts")], controller.signal);
    expect(performance.now() - started).toBeLessThan(5000);
  } finally {
    await lsp.close();
  }
});
