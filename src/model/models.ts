// One table of the models we know: aliases, limits and list prices (USD per million tokens).
// Unknown model ids still work: they get the safe defaults below.

import { addUsage, emptyUsage, type Usage } from "./messages.ts";

export type ModelInfo = {
  id: string;
  contextWindow: number;
  maxOutput: number;
  /** USD per million tokens. */
  price: { input: number; output: number; cacheWrite: number; cacheRead: number };
  images: boolean;
  thinking: boolean;
  caching: boolean;
};

const MTOK = 1_000_000;

function anthropic(id: string, input: number, output: number, cacheWrite: number, cacheRead: number, contextWindow = 1_000_000, maxOutput = 128_000): ModelInfo {
  return { id, contextWindow, maxOutput, price: { input, output, cacheWrite, cacheRead }, images: true, thinking: true, caching: true };
}

export const MODELS: readonly ModelInfo[] = [
  anthropic("claude-opus-5-5", 4, 20, 5, 0.4),
  anthropic("claude-sonnet-5-5", 2, 10, 2.5, 0.2),
  anthropic("claude-haiku-5-5", 0.1, 0.5, 0.125, 0.01),
  anthropic("claude-fable-5-1", 10, 50, 12.5, 1),
  anthropic("claude-opus-5", 5, 25, 6.25, 0.5),
  anthropic("claude-sonnet-5", 2, 10, 2.5, 0.2),
  anthropic("claude-opus-4-8", 5, 25, 6.25, 0.5),
  anthropic("claude-sonnet-4-6", 3, 15, 3.75, 0.3, 200_000, 64_000),
  anthropic("claude-sonnet-4-5", 3, 15, 3.75, 0.3, 200_000, 64_000),
  anthropic("claude-haiku-4-5", 1, 5, 1.25, 0.1, 200_000, 64_000),
];

export const ALIASES: Readonly<Record<string, string>> = {
  opus: "claude-opus-5-5",
  sonnet: "claude-sonnet-5-5",
  haiku: "claude-haiku-5-5",
  fable: "claude-fable-5-1",
};

export const DEFAULT_MODEL = "claude-sonnet-5-5";
/** The small fast model used for side jobs (summaries, web page extraction, Explore agents). */
export const SMALL_MODEL = "claude-haiku-5-5";

/**
 * A model we know nothing about (a local model, a new provider): limits any server accepts and no
 * optional features, so requests never fail for asking too much. Prices are unknown, so cost reads 0.
 * Settings can say better per model (`providers.<name>.models`).
 */
const UNKNOWN: Omit<ModelInfo, "id"> = {
  contextWindow: 128_000,
  maxOutput: 8_192,
  price: { input: 0, output: 0, cacheWrite: 0, cacheRead: 0 },
  images: false,
  thinking: false,
  caching: false,
};

/** A Claude model newer than this table: Claude's capabilities, conservative limits, price unknown. */
const UNKNOWN_CLAUDE: Omit<ModelInfo, "id"> = { ...UNKNOWN, contextWindow: 200_000, maxOutput: 32_000, images: true, thinking: true, caching: true };

/** What settings told us about models of configured providers; it wins over the table. */
const configured = new Map<string, Partial<Omit<ModelInfo, "id">>>();

export function configureModel(id: string, info: Partial<Omit<ModelInfo, "id">>): void {
  configured.set(id, info);
}

export function resolveModel(nameOrAlias: string): string {
  return ALIASES[nameOrAlias] ?? nameOrAlias;
}

export function modelInfo(id: string): ModelInfo {
  const known = tableEntry(id);
  const override = configured.get(id);
  return override ? { ...known, ...override, price: { ...known.price, ...override.price } } : known;
}

function tableEntry(id: string): ModelInfo {
  // Gateways name models "vendor/model" and may write versions with dots (anthropic/claude-sonnet-4.5).
  const bare = id.slice(id.lastIndexOf("/") + 1).replaceAll(".", "-");
  const exact = MODELS.find((m) => m.id === bare);
  if (exact) return { ...exact, id };
  // Dated snapshots such as claude-haiku-4-5-20251001 share their family's figures.
  const family = MODELS.find((m) => bare.startsWith(`${m.id}-`));
  if (family) return { ...family, id };
  return { ...(bare.startsWith("claude-") ? UNKNOWN_CLAUDE : UNKNOWN), id };
}

export type ModelUsage = Record<string, Usage & { costUSD: number }>;

/** Adds one response's usage to per-model totals and re-prices that model's entry. */
export function addModelUsage(into: ModelUsage, model: string, usage: Usage): void {
  const entry = (into[model] ??= { ...emptyUsage(), costUSD: 0 });
  addUsage(entry, usage);
  entry.costUSD = costUSD(model, entry);
}

export function costUSD(id: string, usage: Usage): number {
  const p = modelInfo(id).price;
  return (
    (usage.input_tokens * p.input +
      usage.output_tokens * p.output +
      usage.cache_creation_input_tokens * p.cacheWrite +
      usage.cache_read_input_tokens * p.cacheRead) /
    MTOK
  );
}
