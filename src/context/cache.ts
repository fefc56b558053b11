import { asBlocks, type CacheControl, type Message, type UserMessage } from "../model/messages.ts";
import type { SystemBlock } from "../model/provider.ts";

const EPHEMERAL: CacheControl = { type: "ephemeral" };
/** The API refuses a request with more breakpoints than this. */
const MAX_BREAKPOINTS = 4;

/**
 * The messages of a request with rolling prompt-cache breakpoints: one on the last message, so
 * the next request reads this whole prefix from cache, and one on the message that ended the
 * previous request, whose prefix is already cached, so a response that added more than the API's
 * 20-block lookback (many parallel tool results) still hits. With the two system blocks that makes
 * the API's maximum of four; when `system` already uses more, the previous-request mark goes first.
 * Only the marked messages are copied; the conversation is not touched.
 */
export function withCacheBreakpoints(messages: readonly Message[], system: readonly SystemBlock[] = []): Message[] {
  const available = MAX_BREAKPOINTS - system.filter((b) => b.cache_control).length;
  const out = messages.slice();
  const last = out.length - 1;
  let previous = -1;
  for (let i = last - 1; i > 0; i--) {
    if (out[i]!.role === "assistant") {
      previous = i - 1;
      break;
    }
  }
  for (const i of available >= 2 ? [previous, last] : available === 1 ? [last] : []) {
    const message = out[i];
    if (message?.role === "user") out[i] = marked(message);
  }
  return out;
}

function marked(message: UserMessage): UserMessage {
  const blocks = asBlocks(message.content);
  if (blocks.length === 0) return message;
  return { ...message, content: [...blocks.slice(0, -1), { ...blocks.at(-1)!, cache_control: EPHEMERAL }] };
}
