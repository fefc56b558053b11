import { defineTool, v } from "nanocode";

const TIMEOUT_MS = 60_000;
const MAX_BYTES = 10 * 1024 * 1024;
const MAX_REDIRECTS = 10;
/** The most page text the small model reads in one call; `offset` pages through the rest. */
const MAX_CHARS = 100_000;
const CACHE_MS = 15 * 60_000;

type Page = { url: string; status: number; contentType: string; markdown: string; truncated: boolean };
type Redirect = { from: string; to: string; status: number };

// Fetched pages by URL, for 15 minutes: asking a second question about a page costs no request.
const cache = new Map<string, { page: Page; at: number }>();

const LOCAL = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** The URL to fetch: http and https only, http upgraded to https except for this machine. */
export function normalizeUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`Invalid URL: ${raw}. Give a full URL such as https://example.com/page.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error(`Only http and https URLs can be fetched, not ${url.protocol}`);
  if (url.username || url.password) throw new Error("URLs with a user name or password are not fetched.");
  if (url.protocol === "http:" && !LOCAL.has(url.hostname)) url.protocol = "https:";
  return url;
}

const bareHost = (url: URL) => url.hostname.replace(/^www\./, "");

/** Reads a body up to MAX_BYTES; the rest is dropped and the page marked as cut. */
async function readCapped(response: Response): Promise<{ bytes: Uint8Array; truncated: boolean }> {
  const reader = response.body?.getReader();
  if (!reader) return { bytes: new Uint8Array(), truncated: false };
  const parts: Uint8Array[] = [];
  let size = 0;
  while (true) {
    const { done, value } = await reader.read();
    if (done) return { bytes: Buffer.concat(parts), truncated: false };
    parts.push(value);
    size += value.length;
    if (size > MAX_BYTES) {
      await reader.cancel();
      return { bytes: Buffer.concat(parts).subarray(0, MAX_BYTES), truncated: true };
    }
  }
}

/** Follows redirects on the same host (www. or not, http or https); a redirect elsewhere is returned, not followed. */
async function download(start: URL, signal: AbortSignal): Promise<{ response: Response; url: URL } | Redirect> {
  let url = start;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const response = await fetch(url, {
      redirect: "manual",
      signal: AbortSignal.any([signal, AbortSignal.timeout(TIMEOUT_MS)]),
      headers: { "user-agent": "nanocode (WebFetch)", accept: "text/markdown, text/html;q=0.9, text/plain;q=0.8, */*;q=0.5" },
    });
    const location = response.headers.get("location");
    if (response.status < 300 || response.status >= 400 || !location) return { response, url };
    const next = new URL(location, url);
    if (bareHost(next) !== bareHost(url)) return { from: url.href, to: next.href, status: response.status };
    url = next;
  }
  throw new Error(`Too many redirects (more than ${MAX_REDIRECTS}) from ${start.href}`);
}

/** HTML to Markdown; linkedom and turndown load on the first fetch (~40 ms each at start-up otherwise). */
async function htmlToMarkdown(html: string): Promise<string> {
  const [{ parseHTML }, { default: TurndownService }] = await Promise.all([import("linkedom"), import("turndown")]);
  // linkedom reads HTML without an <html> element as its first element alone (the rest is lost) or as
  // no document at all; a body around it keeps every part.
  const { document } = parseHTML(/<html[\s>]/i.test(html) ? html : `<html><body>${html}</body></html>`);
  for (const node of document.querySelectorAll("script, style, noscript, template, iframe, svg, canvas, title")) node.remove();
  const turndown = new TurndownService({ headingStyle: "atx", codeBlockStyle: "fenced", bulletListMarker: "-" });
  const root = document.querySelector("main") ?? document.querySelector("article") ?? document.body ?? document.documentElement;
  // The node itself, not its HTML: a string would be parsed a second time, by turndown's own DOM
  // (domino, which the binary therefore leaves out: scripts/build.ts).
  return root ? turndown.turndown(root).trim() : "";
}

async function fetchPage(url: URL, signal: AbortSignal): Promise<Page | Redirect> {
  const hit = cache.get(url.href);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.page;
  const got = await download(url, signal);
  if ("to" in got) return got;
  const { response } = got;
  const contentType = response.headers.get("content-type") ?? "";
  const { bytes, truncated } = await readCapped(response);
  if (!/^(text\/|application\/(json|xml|xhtml\+xml|javascript))/i.test(contentType) && contentType !== "") {
    throw new Error(`${got.url.href} is ${contentType.split(";")[0]}, not a text page: WebFetch reads HTML, Markdown and text.`);
  }
  const text = new TextDecoder().decode(bytes);
  const markdown = /html/i.test(contentType) || /^\s*<(!doctype html|html)/i.test(text) ? await htmlToMarkdown(text) : text.trim();
  const page: Page = { url: got.url.href, status: response.status, contentType, markdown, truncated };
  if (response.ok) cache.set(url.href, { page, at: Date.now() });
  return page;
}

const redirectNote = (r: Redirect, prompt: string) =>
  `REDIRECT DETECTED: The URL redirects to a different host.\n\nOriginal URL: ${r.from}\nRedirect URL: ${r.to}\nStatus: ${r.status}\n\nIt was not followed. To fetch it, call WebFetch again with:\n- url: "${r.to}"\n- prompt: "${prompt}"`;

const extraction = (page: Page, text: string, prompt: string) => `Web page content from ${page.url}:
---
${text}
---

${prompt}

Answer from the page content above only, concisely. Give facts, names, numbers, code and links as they appear, but quote at most a sentence or two word for word. If the page does not answer the question, say so.`;

export default defineTool({
  name: "WebFetch",
  description:
    "Fetch a web page and have a small fast model answer a prompt about it: give the URL and what you want from the page. HTML is converted to Markdown; http is upgraded to https. A redirect to another host is reported, not followed: fetch the new URL if you trust it. Results are cached for 15 minutes. Read-only; it asks for permission like other network access. Prefer a dedicated MCP tool when one fetches the same content.",
  input: v.object({
    url: v.pipe(v.string(), v.description("The full URL to fetch")),
    prompt: v.pipe(v.string(), v.minLength(1), v.description("What to extract from or answer about the page")),
    offset: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.description("Start reading the page's text at this character (for long pages)"))),
  }),
  // It writes nothing, so it runs beside other reads, but it reaches the network: it asks first.
  readOnly: false,
  concurrency: () => ({ exclusive: false }),
  async run({ url, prompt, offset = 0 }, ctx) {
    const got = await fetchPage(normalizeUrl(url), ctx.signal);
    if ("to" in got) return redirectNote(got, prompt);
    if (got.status >= 400) return { content: `Request failed with status ${got.status} for ${got.url}`, isError: true };
    const slice = got.markdown.slice(offset, offset + MAX_CHARS);
    const rest = got.markdown.length - offset - slice.length;
    const cut = rest > 0 ? `\n\n[Page text cut here: ${rest} more characters; call WebFetch again with offset ${offset + slice.length} to read on.]` : got.truncated ? "\n\n[The page was larger than 10 MB; the rest was not downloaded.]" : "";
    if (!slice) return { content: `The page at ${got.url} has no text${offset ? ` after offset ${offset}` : ""}.`, isError: true };
    // Outside a session there is no model to ask: the page text itself is the answer.
    if (!ctx.agent) return `${slice}${cut}`;
    ctx.progress(`reading ${got.url}`);
    const answer = await ctx.agent.query({ prompt: extraction(got, slice, prompt), maxTokens: 4096 });
    return `${answer.text.trim()}${cut}`;
  },
});
