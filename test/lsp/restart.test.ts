// A language server that dies during a session: started again once, then left off with one line.
import { afterAll, expect, test } from "bun:test";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { LspManager } from "../../src/lsp/manager.ts";
import { lspProject, PY_FILES, processesIn, SERVERS_PATH, tagOf } from "../support/lsp-project.ts";

const path = process.env.PATH;
afterAll(() => {
  process.env.PATH = path;
  delete process.env.NANOCODE_LSP_TEST;
});

test("a server killed mid-session is restarted for the next edit; killed again, it is left off with one line and edits go on without it", async () => {
  process.env.PATH = SERVERS_PATH;
  const dir = lspProject(PY_FILES);
  Object.assign(process.env, tagOf(dir));
  const notices: string[] = [];
  const lsp = LspManager.forProject([], dir, { waitMs: 60_000, notice: (line) => notices.push(line) })!;
  const file = join(dir, "shapes.py");
  const signal = new AbortController().signal;
  const breakIt = async () => {
    writeFileSync(file, PY_FILES["shapes.py"]!.replace("unit: int = 1", 'unit: int = "one"'));
    return lsp.afterEdit([file], signal);
  };
  const kill = async () => {
    for (const { pid } of processesIn(dir)) process.kill(pid, "SIGKILL");
    for (let i = 0; i < 200 && lsp.status()[0]!.state === "running"; i++) await Bun.sleep(25);
  };
  try {
    expect(await breakIt()).toContain("shapes.py:9:13 error");
    await kill();
    expect(lsp.status()[0]!.state).not.toBe("running");
    expect(await breakIt()).toContain("shapes.py:9:13 error");
    expect(notices).toEqual([]);
    await kill();
    expect(await breakIt()).toBe("");
    expect(notices).toHaveLength(1);
    expect(notices[0]).toStartWith('language server "pyright" stopped: pyright-langserver exited (SIGKILL)');
    expect(lsp.status()[0]!.state).toBe("failed");
  } finally {
    await lsp.close();
  }
  expect(processesIn(dir)).toEqual([]);
}, 120_000);
