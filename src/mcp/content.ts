import type { ImageBlock, TextBlock } from "../model/messages.ts";
import type { CallToolResult, ContentBlock } from "@modelcontextprotocol/sdk/types.js";
import type { ResourceContents } from "./connection.ts";

// Claude Code caps an MCP result at 25,000 tokens; about 4 characters a token.
const MAX_CHARS = 100_000;
const IMAGE_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

function resourceBlock(resource: ResourceContents): TextBlock | ImageBlock {
  if (resource.text !== undefined) return { type: "text", text: resource.text };
  if (resource.blob && resource.mimeType && IMAGE_TYPES.has(resource.mimeType)) return { type: "image", source: { type: "base64", media_type: resource.mimeType, data: resource.blob } };
  return { type: "text", text: `[binary resource ${resource.uri} (${resource.mimeType ?? "unknown type"}), ${Math.round(((resource.blob?.length ?? 0) * 3) / 4)} bytes: not shown]` };
}

function itemBlock(item: ContentBlock): TextBlock | ImageBlock {
  switch (item.type) {
    case "text":
      return { type: "text", text: item.text };
    case "image":
      return IMAGE_TYPES.has(item.mimeType) ? { type: "image", source: { type: "base64", media_type: item.mimeType, data: item.data } } : { type: "text", text: `[image of type ${item.mimeType}: not shown]` };
    case "audio":
      return { type: "text", text: `[audio of type ${item.mimeType}: not shown]` };
    case "resource":
      return resourceBlock(item.resource);
    case "resource_link":
      return { type: "text", text: `Resource link: ${item.uri}${item.name ? ` (${item.name})` : ""}${item.description ? `: ${item.description}` : ""}` };
    default:
      return { type: "text", text: JSON.stringify(item) };
  }
}

/** Cuts text blocks so the whole stays under the cap, saying so in the last one. */
function capped(blocks: Array<TextBlock | ImageBlock>): Array<TextBlock | ImageBlock> {
  let budget = MAX_CHARS;
  const out: Array<TextBlock | ImageBlock> = [];
  for (const block of blocks) {
    if (block.type !== "text") {
      out.push(block);
      continue;
    }
    if (budget <= 0) break;
    const text = block.text.length > budget ? `${block.text.slice(0, budget)}\n[output cut at ${MAX_CHARS} characters]` : block.text;
    budget -= block.text.length;
    out.push({ type: "text", text });
  }
  return out;
}

/** An MCP tool result as tool_result content: text and images pass through, the rest is described. */
export function callContent(result: Pick<CallToolResult, "content" | "structuredContent">): Array<TextBlock | ImageBlock> {
  const blocks = (result.content ?? []).map(itemBlock);
  if (blocks.length === 0 && result.structuredContent !== undefined) blocks.push({ type: "text", text: JSON.stringify(result.structuredContent) });
  return capped(blocks);
}

/** A resource's contents as blocks, each text headed by its URI. */
export function resourceContent(server: string, contents: ResourceContents[]): Array<TextBlock | ImageBlock> {
  return capped(contents.flatMap((c) => [{ type: "text" as const, text: `Resource ${server}:${c.uri}${c.mimeType ? ` (${c.mimeType})` : ""}:` }, resourceBlock(c)]));
}
