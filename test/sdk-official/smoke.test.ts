// The official Agent SDK drives the compiled binary as it drives Claude Code: a plain query with
// one text turn over the scripted model server.

import { afterEach, expect, test } from "bun:test";
import { query } from "@anthropic-ai/claude-agent-sdk";
import { ensureBinary } from "../../scripts/ensure-binary.ts";
import { type ScriptedServer, startScriptedServer } from "../support/scripted-server.ts";
import { tempDir } from "../support/tmp.ts";

let server: ScriptedServer | undefined;
afterEach(() => server?.stop());

test("query() through pathToClaudeCodeExecutable answers with the scripted text", async () => {
  const work = tempDir("nanocode-sdk-smoke-");
  server = startScriptedServer({ workdir: work, home: work, turns: [[{ type: "text", text: "hello from the script" }]] });
  const messages: { type: string; subtype?: string; result?: string }[] = [];
  for await (const message of query({
    prompt: "say hello",
    options: {
      pathToClaudeCodeExecutable: await ensureBinary(),
      cwd: work,
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: work, ANTHROPIC_API_KEY: "sk-test", ANTHROPIC_BASE_URL: server.url },
    },
  })) {
    messages.push(message as never);
  }
  expect(messages[0]).toMatchObject({ type: "system", subtype: "init" });
  expect(messages.at(-1)).toMatchObject({ type: "result", subtype: "success", result: "hello from the script" });
});
