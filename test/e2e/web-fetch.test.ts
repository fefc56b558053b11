import { afterAll, expect, test } from "bun:test";
import { rmSync } from "node:fs";
import { textOf, type ToolResultBlock } from "../../src/model/messages.ts";
import { SMALL_MODEL } from "../../src/model/models.ts";
import { runNanocode } from "../support/run.ts";
import { startScriptedServer } from "../support/scripted-server.ts";
import { tempDir } from "../support/tmp.ts";

const site = Bun.serve({
  hostname: "127.0.0.1",
  port: 0,
  fetch: () =>
    new Response(`<html><body><h1>Release notes</h1><p>Version <b>2.4</b> adds <a href="https://example.com/sync">sync</a>.</p><script>track()</script></body></html>`, {
      headers: { "content-type": "text/html" },
    }),
});
const work = tempDir("nanocode-web-");
afterAll(() => {
  site.stop(true);
  rmSync(work, { recursive: true, force: true });
});

test("WebFetch converts a page from a local server and the small model's answer reaches the main agent", async () => {
  const url = `http://127.0.0.1:${site.port}/notes`;
  const server = startScriptedServer({
    workdir: work,
    home: work,
    reply(request) {
      if (request.body.model === SMALL_MODEL) {
        // The side request: answer from what it was shown.
        const shown = textOf(request.body.messages[0]!);
        return [{ type: "text", text: shown.includes("# Release notes") && shown.includes("Version **2.4** adds [sync](https://example.com/sync).") ? "Version 2.4 adds sync." : "page not converted" }];
      }
      const turn = request.body.messages.filter((m) => m.role === "assistant").length;
      return turn === 0 ? [{ type: "tool_use", name: "WebFetch", input: { url, prompt: "What does the latest version add?" } }] : [{ type: "text", text: "{{last_tool_result}}" }];
    },
  });
  const run = await runNanocode(["-p", "what is new?", "--dangerously-skip-permissions"], { cwd: work, env: { ANTHROPIC_API_KEY: "sk-test", ANTHROPIC_BASE_URL: server.url } });
  server.stop();
  expect(run.stderr).toBe("");
  expect(run.stdout).toBe("Version 2.4 adds sync.\n");
  const side = server.requests.find((r) => r.body.model === SMALL_MODEL)!;
  expect(textOf(side.body.messages[0]!)).not.toContain("track()");
  const main = server.requests.filter((r) => r.body.model !== SMALL_MODEL);
  expect((main[1]!.body.messages.at(-1)!.content as ToolResultBlock[])[0]).toMatchObject({ content: "Version 2.4 adds sync." });
});
