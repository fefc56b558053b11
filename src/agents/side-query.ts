import { ResponseAccumulator } from "../agent/accumulate.ts";
import { type AssistantBlock, textOf, type Usage } from "../model/messages.ts";
import { resolveModel, SMALL_MODEL } from "../model/models.ts";
import { type Provider, ProviderError, type ToolSpec } from "../model/provider.ts";
import type { SideQuery } from "../registry/agent-api.ts";

/** The small fast model for side jobs: Claude Code's override variables, else the table's. */
export function smallModel(env = process.env): string {
  return resolveModel(env.ANTHROPIC_DEFAULT_HAIKU_MODEL || env.ANTHROPIC_SMALL_FAST_MODEL || SMALL_MODEL);
}

export type SideResult = { text: string; blocks: AssistantBlock[]; model: string; usage: Usage };

/** One request outside the conversation, streamed to completion. Throws ProviderError. */
export async function sideQuery(provider: Provider, mainModel: string, request: SideQuery, signal: AbortSignal): Promise<SideResult> {
  const model = !request.model || request.model === "small" ? smallModel() : request.model === "main" ? mainModel : resolveModel(request.model);
  const response = new ResponseAccumulator();
  let complete = false;
  const stream = provider.stream(
    {
      model,
      system: request.system ? [{ type: "text", text: request.system }] : [],
      messages: [{ role: "user", content: request.prompt }],
      // Server tools (web search) have their own shape; only providers that declare them get them.
      tools: (request.serverTools ?? []) as unknown as ToolSpec[],
      maxTokens: request.maxTokens ?? 4096,
    },
    signal,
  );
  for await (const event of stream) {
    if (event.type === "error") throw new ProviderError("server", event.error.message);
    if (event.type === "message_stop") complete = true;
    response.push(event);
  }
  if (!complete) throw new ProviderError("bad_response", "the response stream ended before the message was complete");
  const message = response.message();
  return { text: textOf(message), blocks: message.content, model: response.model || model, usage: response.usage };
}
