import { expect, test } from "bun:test";
import { sideQuery } from "../../src/agents/side-query.ts";
import { type Provider, ProviderError } from "../../src/model/provider.ts";
import { turnEvents } from "../../src/model/script.ts";

/** Fails its first request with a 529 and a cut stream, then answers; records the models asked. */
function shaky(resolveModel?: Provider["resolveModel"]): Provider & { models: string[] } {
  const models: string[] = [];
  return {
    name: "shaky",
    models,
    resolveModel,
    async *stream(request) {
      models.push(request.model);
      const events = turnEvents([{ type: "text", text: "A summary." }], { id: `m${models.length}`, model: request.model, inputTokens: 5 });
      if (models.length === 1) throw new ProviderError("overloaded", "Overloaded", 529);
      if (models.length === 2) return yield* events.slice(0, 3);
      yield* events;
    },
  };
}

test("side requests are retried like the conversation's, and a cut attempt leaves nothing behind", async () => {
  const provider = shaky();
  const result = await sideQuery(provider, "claude-opus-5-5", { prompt: "Summarize" }, new AbortController().signal, { baseDelayMs: 1 });
  expect(result.text).toBe("A summary.");
  expect(result.blocks).toHaveLength(1);
  expect(provider.models).toEqual(["claude-haiku-5-5", "claude-haiku-5-5", "claude-haiku-5-5"]);
});

test("the small model is the provider's to name", async () => {
  const provider = shaky((name) => (name === "small" ? "local-small" : undefined));
  const result = await sideQuery(provider, "local-big", { prompt: "Summarize" }, new AbortController().signal, { baseDelayMs: 1 });
  expect(result.model).toBe("local-small");
  expect((await sideQuery(provider, "local-big", { prompt: "Again", model: "main" }, new AbortController().signal)).model).toBe("local-big");
});
