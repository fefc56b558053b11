import { ResponseAccumulator } from "../agent/accumulate.ts";
import { type AssistantBlock, textOf, type Usage } from "../model/messages.ts";
import { modelNamed, type Provider, type ToolSpec } from "../model/provider.ts";
import { Retrier, type RetryOptions, resilientStream } from "../model/retry.ts";
import type { SideQuery } from "../registry/agent-api.ts";

export type SideResult = { text: string; blocks: AssistantBlock[]; model: string; usage: Usage };

/** One request outside the conversation, streamed to completion with the usual retries. Throws ProviderError. */
export async function sideQuery(provider: Provider, mainModel: string, request: SideQuery, signal: AbortSignal, retry?: Partial<RetryOptions>): Promise<SideResult> {
  const model = request.model === "main" ? mainModel : modelNamed(provider, request.model || "small");
  let response = new ResponseAccumulator();
  const stream = resilientStream(
    provider,
    {
      model,
      system: request.system ? [{ type: "text", text: request.system }] : [],
      messages: [{ role: "user", content: request.prompt }],
      // Server tools (web search) have their own shape; only providers that declare them get them.
      tools: (request.serverTools ?? []) as unknown as ToolSpec[],
      maxTokens: request.maxTokens ?? 4096,
    },
    signal,
    new Retrier(model, retry),
  );
  for await (const event of stream) {
    // A retried attempt starts over from message_start.
    if (event.type === "retry") response = new ResponseAccumulator();
    else response.push(event);
  }
  const message = response.message();
  return { text: textOf(message), blocks: message.content, model: response.model || model, usage: response.usage };
}
