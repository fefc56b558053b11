// A model of the Anthropic prompt cache, for the scripted server. A request is a sequence of
// blocks (tools, then system, then each message's content blocks); a block marked with
// cache_control is a breakpoint. A breakpoint writes the prefix up to it to the cache; a request
// reads the longest cached prefix it can find by looking back up to 20 blocks from each of its
// breakpoints. Tokens are counted with the same 4-characters estimate the server uses elsewhere.

import type { Usage } from "../../src/model/messages.ts";

const LOOKBACK = 20;

type Body = { tools?: object[]; system?: string | object[]; messages: { role: string; content: string | object[] }[] };

function withoutCacheControl(block: object): { json: string; marked: boolean } {
  const { cache_control, ...rest } = block as { cache_control?: unknown };
  return { json: JSON.stringify(rest), marked: cache_control !== undefined };
}

/** Every block of the request in prefix order, as the text the cache hashes and counts. */
function blocksOf(body: Body): { json: string; key: string; marked: boolean }[] {
  const out: { json: string; key: string; marked: boolean }[] = [];
  for (const tool of body.tools ?? []) out.push({ ...withoutCacheControl(tool), key: "tool" });
  const system = typeof body.system === "string" ? [{ type: "text", text: body.system }] : (body.system ?? []);
  for (const block of system) out.push({ ...withoutCacheControl(block), key: "system" });
  body.messages.forEach((message, m) => {
    // A string is shorthand for one text block, as the API treats it.
    const content = typeof message.content === "string" ? [{ type: "text", text: message.content }] : message.content;
    content.forEach((block, b) => out.push({ ...withoutCacheControl(block), key: `${message.role}:${m}:${b}` }));
  });
  return out;
}

export class PromptCache {
  private readonly cached = new Set<number | bigint>();

  /** @param minTokens prefixes shorter than this are not cached (the API's minimum for Sonnet is 1024). */
  constructor(private readonly minTokens = 1024) {}

  /** The input usage of one request, and the cache as it is after the request. */
  usage(body: Body): Pick<Usage, "input_tokens" | "cache_read_input_tokens" | "cache_creation_input_tokens"> {
    const blocks = blocksOf(body);
    const hashes: (number | bigint)[] = [];
    const tokens: number[] = [];
    let chars = 0;
    let hash: number | bigint = 0;
    for (const block of blocks) {
      chars += block.json.length;
      hash = Bun.hash(`${hash}|${block.key}|${block.json}`);
      hashes.push(hash);
      tokens.push(Math.ceil(chars / 4));
    }
    const total = tokens.at(-1) ?? 0;
    const breakpoints = blocks.flatMap((b, i) => (b.marked ? [i] : []));
    let read = 0;
    for (const point of [...breakpoints].reverse()) {
      for (let i = point; i >= Math.max(0, point - LOOKBACK); i--) {
        if (this.cached.has(hashes[i]!)) {
          read = Math.max(read, tokens[i]!);
          break;
        }
      }
      if (read) break;
    }
    let written = read;
    for (const point of breakpoints) {
      if (tokens[point]! < this.minTokens) continue;
      this.cached.add(hashes[point]!);
      written = Math.max(written, tokens[point]!);
    }
    return { cache_read_input_tokens: read, cache_creation_input_tokens: written - read, input_tokens: total - written };
  }
}
