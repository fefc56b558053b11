import { defineTool, v } from "nanocode";

const Domains = v.optional(v.array(v.pipe(v.string(), v.minLength(1))));

type SearchHit = { type: "web_search_result"; title: string; url: string };
type SearchResult = { type: "web_search_tool_result"; content: SearchHit[] | { type: "web_search_tool_result_error"; error_code: string } };

export default defineTool({
  name: "WebSearch",
  description:
    "Search the web for current information (recent releases, documentation, events after your training data) and get a short summary with its sources. Narrow it with allowed_domains or blocked_domains (not both). Cite the sources you use in your answer as Markdown links. Available with Anthropic's API only.",
  input: v.pipe(
    v.object({
      query: v.pipe(v.string(), v.minLength(2), v.description("The search query")),
      allowed_domains: v.pipe(Domains, v.description("Only return results from these domains")),
      blocked_domains: v.pipe(Domains, v.description("Never return results from these domains")),
    }),
    v.check((i) => !(i.allowed_domains?.length && i.blocked_domains?.length), "give allowed_domains or blocked_domains, not both"),
  ),
  // It writes nothing, so it runs beside other reads, but it reaches the network: it asks first.
  readOnly: false,
  concurrency: () => ({ exclusive: false }),
  async run({ query, allowed_domains, blocked_domains }, ctx) {
    const agent = ctx.agent;
    if (!agent?.provider.webSearch) {
      const provider = agent?.provider.name ?? "none";
      return { content: `WebSearch is not available with this provider (${provider}): it needs Anthropic's server-side web search. Answer from what you know, say that you could not search, or use WebFetch on a URL you know.`, isError: true };
    }
    const answer = await agent.query({
      system: "You search the web for the user's query and summarise what you find in a few sentences, with the facts that answer it.",
      prompt: `Perform a web search for the query: ${query}`,
      serverTools: [
        {
          type: "web_search_20250305",
          name: "web_search",
          max_uses: 5,
          ...(allowed_domains?.length ? { allowed_domains } : {}),
          ...(blocked_domains?.length ? { blocked_domains } : {}),
        },
      ],
    });
    const results = answer.blocks.filter((b) => (b as { type: string }).type === "web_search_tool_result") as unknown as SearchResult[];
    const failed = results.map((r) => r.content).find((c) => !Array.isArray(c));
    const links = results.flatMap((r) => (Array.isArray(r.content) ? r.content.map(({ title, url }) => ({ title, url })) : []));
    if (links.length === 0 && failed && !Array.isArray(failed)) return { content: `Web search failed: ${failed.error_code}`, isError: true };
    return `Web search results for query: "${query}"\n\nLinks: ${JSON.stringify(links)}\n\n${answer.text.trim()}\n\nREMINDER: cite the sources above in your answer as Markdown links.`;
  },
});
