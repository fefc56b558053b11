// The REPL with a language server: /lsp shows it, and leaving the REPL leaves no server behind.
import { expect, test } from "bun:test";
import { join } from "node:path";
import { lspProject, processesIn, SERVERS_PATH, TS_FILES, tagOf } from "../support/lsp-project.ts";
import { started } from "../support/repl.ts";

// The tmux shell may set PATH anew: the server is named by its full path. The tag marks nanocode and the pane's shell too: servers are the node processes.
const servers = (dir: string) => processesIn(dir).filter((p) => p.cmd.endsWith("/node"));
const settings = { lspServers: { typescript: { command: join(SERVERS_PATH.split(":")[0]!, "typescript-language-server"), args: ["--stdio"], extensionToLanguage: { ".ts": "typescript" } } } };

test("/lsp lists the running server and the files it has; /exit stops it", async () => {
  const work = lspProject(TS_FILES);
  const { term } = await started({ turns: [[{ type: "tool_use", name: "Read", input: { file_path: "$WORKDIR/src/main.ts" } }], [{ type: "text", text: "read it" }]] }, { work, args: ["--settings", JSON.stringify(settings)], env: tagOf(work) });
  term.submit("look at main");
  await term.waitFor("read it");
  for (let i = 0; i < 600 && servers(work).length === 0; i++) await Bun.sleep(50);
  expect(servers(work).length).toBeGreaterThan(0);
  let screen = "";
  for (let i = 0; i < 60 && !screen.includes("✓ running"); i++) {
    term.submit("/lsp");
    screen = await term.waitFor(/Language servers:[^]*\n─/, 10_000);
    if (!screen.includes("✓ running")) await Bun.sleep(500);
  }
  expect(screen).toContain("typescript  ✓ running");
  expect(screen.replaceAll("\n", "")).toContain(`typescript-language-server in ${work}; files: 1 (--settings)`);
  term.submit("/exit");
  await term.waitFor("[exited 0]", 30_000);
  expect(servers(work)).toEqual([]);
}, 120_000);
