import { expect, test } from "bun:test";
import * as v from "valibot";
import type { AssistantBlock } from "../../src/model/messages.ts";
import type { AgentCapabilities, SideQuery } from "../../src/registry/agent-api.ts";
import webSearch from "../../tools/web-search.ts";
import { call, toolContext } from "./context.ts";

function searching(blocks: unknown[], webSearchAvailable = true) {
  const asked: SideQuery[] = [];
  const agent = {
    provider: { name: webSearchAvailable ? "anthropic" : "openai", webSearch: webSearchAvailable },
    query: async (q: SideQuery) => (asked.push(q), { text: "Bun 1.4 is out.", blocks: blocks as AssistantBlock[], model: "small" }),
  } as unknown as AgentCapabilities;
  return { ctx: { ...toolContext(), agent }, asked };
}

test("the search runs as Anthropic's server tool, and the result lists its sources", async () => {
  const { ctx, asked } = searching([
    { type: "server_tool_use", id: "srv_1", name: "web_search", input: { query: "bun release" } },
    {
      type: "web_search_tool_result",
      tool_use_id: "srv_1",
      content: [
        { type: "web_search_result", title: "Bun 1.4", url: "https://bun.sh/blog/bun-v1.4", encrypted_content: "x" },
        { type: "web_search_result", title: "Changelog", url: "https://bun.sh/changelog", encrypted_content: "y" },
      ],
    },
    { type: "text", text: "Bun 1.4 is out." },
  ]);
  const result = await call(webSearch, { query: "bun release", allowed_domains: ["bun.sh"] }, ctx);
  expect(result.isError).toBe(false);
  expect(result.text).toBe(
    'Web search results for query: "bun release"\n\nLinks: [{"title":"Bun 1.4","url":"https://bun.sh/blog/bun-v1.4"},{"title":"Changelog","url":"https://bun.sh/changelog"}]\n\nBun 1.4 is out.\n\nREMINDER: cite the sources above in your answer as Markdown links.',
  );
  expect(asked[0]!.serverTools).toEqual([{ type: "web_search_20250305", name: "web_search", max_uses: 5, allowed_domains: ["bun.sh"] }]);
});

test("a provider without web search gets a clear result, and a failed search says why", async () => {
  const unavailable = await call(webSearch, { query: "anything" }, searching([], false).ctx);
  expect(unavailable).toMatchObject({ isError: true });
  expect(unavailable.text).toStartWith("WebSearch is not available with this provider (openai)");
  const failed = await call(webSearch, { query: "anything" }, searching([{ type: "web_search_tool_result", tool_use_id: "s", content: { type: "web_search_tool_result_error", error_code: "max_uses_exceeded" } }]).ctx);
  expect(failed).toMatchObject({ isError: true, text: "Web search failed: max_uses_exceeded" });
});

test("allowed and blocked domains cannot be given together; the query needs two characters", () => {
  expect(v.safeParse(webSearch.input, { query: "ok", allowed_domains: ["a.com"], blocked_domains: ["b.com"] }).success).toBe(false);
  expect(v.safeParse(webSearch.input, { query: "x" }).success).toBe(false);
});
