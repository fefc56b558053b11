import { afterAll, expect, test } from "bun:test";
import type { AgentCapabilities, SideQuery } from "../../src/registry/agent-api.ts";
import webFetch, { normalizeUrl } from "../../tools/web-fetch.ts";
import { call, toolContext } from "./context.ts";

const PAGE = `<!doctype html><html><head><title>Doc</title><style>body{color:red}</style></head>
<body><nav>menu</nav><main><h1>Widgets</h1><p>A <strong>widget</strong> has <a href="/parts">parts</a>.</p>
<ul><li>one</li><li>two</li></ul><script>alert("no")</script><pre><code>let x = 1;</code></pre></main></body></html>`;

let hits = 0;
const site = Bun.serve({
  hostname: "127.0.0.1",
  port: 0,
  fetch(req): Response {
    const { pathname } = new URL(req.url);
    if (pathname === "/page" || pathname === "/counted") {
      hits++;
      return new Response(PAGE, { headers: { "content-type": "text/html; charset=utf-8" } });
    }
    if (pathname === "/moved") return new Response(null, { status: 301, headers: { location: "/page" } });
    if (pathname === "/away") return new Response(null, { status: 302, headers: { location: `http://localhost:${new URL(req.url).port}/page` } });
    if (pathname === "/fragment") return new Response("<p>first</p><p>second <em>part</em></p>", { headers: { "content-type": "text/html" } });
    if (pathname === "/bare") return new Response("just words, no tags", { headers: { "content-type": "text/html" } });
    if (pathname === "/notes.md") return new Response("# Notes\n\nplain markdown", { headers: { "content-type": "text/markdown" } });
    if (pathname === "/image.png") return new Response(new Uint8Array([137, 80, 78, 71]), { headers: { "content-type": "image/png" } });
    if (pathname === "/long") return new Response("x".repeat(150_000), { headers: { "content-type": "text/plain" } });
    return new Response("no such page", { status: 404, headers: { "content-type": "text/plain" } });
  },
});
afterAll(() => site.stop(true));
const base = `http://127.0.0.1:${site.port}`;

/** Capabilities whose small model echoes the prompt it got, so tests see what it was shown. */
function echoing(): { agent: AgentCapabilities; asked: SideQuery[] } {
  const asked: SideQuery[] = [];
  const agent = { query: async (q: SideQuery) => (asked.push(q), { text: "the answer", blocks: [], model: "small" }) } as unknown as AgentCapabilities;
  return { agent, asked };
}

test("an HTML page becomes Markdown, the small model gets it with the prompt, and its answer is the result", async () => {
  const { agent, asked } = echoing();
  const result = await call(webFetch, { url: `${base}/page`, prompt: "What has parts?" }, { ...toolContext(), agent });
  expect(result).toMatchObject({ text: "the answer", isError: false });
  const shown = asked[0]!.prompt;
  expect(shown).toContain(`Web page content from ${base}/page:`);
  expect(shown).toContain("# Widgets");
  expect(shown).toContain("A **widget** has [parts](/parts).");
  expect(shown).toMatch(/- +one\n- +two/);
  expect(shown).toContain("```\nlet x = 1;\n```");
  for (const gone of ["alert", "color:red", "menu"]) expect(shown).not.toContain(gone);
  expect(shown).toContain("What has parts?");
});

test("HTML without an <html> element, or without any tag, keeps all its text", async () => {
  const { agent, asked } = echoing();
  await call(webFetch, { url: `${base}/fragment`, prompt: "p" }, { ...toolContext(), agent });
  expect(asked[0]!.prompt).toContain("first\n\nsecond _part_");
  await call(webFetch, { url: `${base}/bare`, prompt: "p" }, { ...toolContext(), agent });
  expect(asked[1]!.prompt).toContain("just words, no tags");
});

test("a redirect on the same host is followed; one to another host is reported, not followed", async () => {
  const { agent, asked } = echoing();
  expect((await call(webFetch, { url: `${base}/moved`, prompt: "p" }, { ...toolContext(), agent })).text).toBe("the answer");
  expect(asked[0]!.prompt).toContain(`Web page content from ${base}/page:`);
  const away = await call(webFetch, { url: `${base}/away`, prompt: "the prompt" }, { ...toolContext(), agent });
  expect(away.text).toContain("REDIRECT DETECTED");
  expect(away.text).toContain(`Redirect URL: http://localhost:${site.port}/page`);
  expect(away.text).toContain('- prompt: "the prompt"');
  expect(asked).toHaveLength(1);
});

test("a page is fetched once in 15 minutes however often it is asked about", async () => {
  const { agent } = echoing();
  hits = 0;
  await call(webFetch, { url: `${base}/counted`, prompt: "a" }, { ...toolContext(), agent });
  await call(webFetch, { url: `${base}/counted`, prompt: "b" }, { ...toolContext(), agent });
  expect(hits).toBe(1);
});

test("text pages pass as they are; long ones are paged with offset; binary, missing and bad URLs are clear errors", async () => {
  const { agent, asked } = echoing();
  await call(webFetch, { url: `${base}/notes.md`, prompt: "p" }, { ...toolContext(), agent });
  expect(asked[0]!.prompt).toContain("---\n# Notes\n\nplain markdown\n---");
  const long = await call(webFetch, { url: `${base}/long`, prompt: "p" }, { ...toolContext(), agent });
  expect(long.text).toContain("50000 more characters; call WebFetch again with offset 100000");
  const image = await call(webFetch, { url: `${base}/image.png`, prompt: "p" }, { ...toolContext(), agent });
  expect(image).toMatchObject({ isError: true });
  expect(image.text).toContain("is image/png, not a text page");
  expect(await call(webFetch, { url: `${base}/nope`, prompt: "p" }, { ...toolContext(), agent })).toMatchObject({ isError: true, text: `Request failed with status 404 for ${base}/nope` });
  expect((await call(webFetch, { url: "ftp://example.com/x", prompt: "p" }, toolContext())).text).toContain("Only http and https");
  expect((await call(webFetch, { url: "not a url", prompt: "p" }, toolContext())).text).toContain("Invalid URL");
});

test("http is upgraded to https, except for this machine", () => {
  expect(normalizeUrl("http://example.com/a?b=1").href).toBe("https://example.com/a?b=1");
  expect(normalizeUrl("http://localhost:8080/x").href).toBe("http://localhost:8080/x");
  expect(normalizeUrl("http://127.0.0.1/x").protocol).toBe("http:");
  expect(() => normalizeUrl("https://user:pw@example.com/")).toThrow("user name or password");
});
