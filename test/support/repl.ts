// Starts the compiled binary's REPL in tmux against a scripted server; both end after the test.
import { beforeAll } from "bun:test";
import { join } from "node:path";
import { ensureBinary } from "../../scripts/ensure-binary.ts";
import { type ScriptedServer, type ServerOptions, startScriptedServer } from "./scripted-server.ts";
import { endAfterTest } from "./cleanup.ts";
import { tempDir } from "./tmp.ts";
import { Terminal } from "./tmux.ts";

let bin: string;
beforeAll(async () => {
  bin = await ensureBinary();
});


export function start(server: ServerOptions, options: { args?: string[]; work?: string; config?: string; env?: Record<string, string> } = {}) {
  const work = options.work ?? tempDir("nanocode-repl-");
  const s = startScriptedServer({ workdir: work, ...server });
  const env = { HOME: work, NANOCODE_CONFIG_DIR: options.config ?? join(work, ".config"), ANTHROPIC_API_KEY: "sk-test", ANTHROPIC_BASE_URL: s.url, ...options.env };
  const term = new Terminal([bin, ...(options.args ?? [])], { cwd: work, env });
  endAfterTest(() => s.stop());
  return { term, server: s, work, config: env.NANOCODE_CONFIG_DIR };
}

/** `start`, once the REPL shows its welcome line. */
export async function started(...args: Parameters<typeof start>) {
  const opened = start(...args);
  await opened.term.waitFor("/help for commands");
  return opened;
}

export const lastUserText = (server: ScriptedServer) => {
  const content = server.requests.at(-1)!.body.messages.at(-1)!.content;
  return typeof content === "string" ? content : content.map((b) => ("text" in b ? b.text : "")).join("");
};
