import { expect, test } from "bun:test";
import type { ProviderSettings } from "../../src/config/settings.ts";
import { modelInfo } from "../../src/model/models.ts";
import { type ProviderChoice, selectProvider } from "../../src/model/select.ts";

const cwd = "/tmp";
const select = (choice: Omit<ProviderChoice, "cwd">, env: Record<string, string> = {}) => selectProvider({ cwd, ...choice }, env);
const ollama: Record<string, ProviderSettings> = {
  ollama: { type: "openai", baseURL: "http://localhost:11434/v1", models: { "qwen2.5-coder": { contextWindow: 32_768, maxOutput: 4096 }, llama3: {} } },
};

test("Anthropic by default: aliases resolve, for the fallback models too", async () => {
  const s = await select({ model: "opus", fallbackModels: ["sonnet", "haiku"] }, { ANTHROPIC_API_KEY: "k" });
  expect(s.provider.name).toBe("anthropic");
  expect(s.provider.endpoint).toBe("https://api.anthropic.com");
  expect(s.model).toBe("claude-opus-5-5");
  expect(s.fallbackModels).toEqual(["claude-sonnet-5-5", "claude-haiku-5-5"]);
});

test("OPENAI_BASE_URL alone selects an OpenAI-compatible server; the model comes from --model or OPENAI_MODEL", async () => {
  const env = { OPENAI_BASE_URL: "http://127.0.0.1:8000/v1", OPENAI_MODEL: "qwen" };
  const s = await select({}, env);
  expect([s.provider.name, s.provider.endpoint, s.model]).toEqual(["openai", "http://127.0.0.1:8000/v1/chat/completions", "qwen"]);
  // A gateway's model id may contain "/": it is not a provider name unless settings define one.
  expect((await select({ provider: "openai", model: "anthropic/claude-sonnet-4.5" }, env)).model).toBe("anthropic/claude-sonnet-4.5");
  await expect(select({ provider: "openai" }, { OPENAI_BASE_URL: "http://127.0.0.1:8000/v1" })).rejects.toThrow("no model for the openai provider: pass --model NAME or set OPENAI_MODEL");
  await expect(select({ provider: "openai", model: "gpt-5" }, {})).rejects.toThrow("no API key: set OPENAI_API_KEY");
});

test("a provider named in settings is chosen by --model name/model or --provider, and tells the model table what it knows", async () => {
  const s = await select({ model: "ollama/qwen2.5-coder", providers: ollama }, { ANTHROPIC_API_KEY: "k" });
  expect([s.provider.name, s.provider.endpoint, s.model]).toEqual(["ollama", "http://localhost:11434/v1/chat/completions", "qwen2.5-coder"]);
  expect(modelInfo("qwen2.5-coder")).toMatchObject({ contextWindow: 32_768, maxOutput: 4096, images: false });
  const byName = await select({ provider: "ollama", providers: ollama, fallbackModels: ["ollama/llama3"] });
  expect([byName.model, byName.fallbackModels]).toEqual(["qwen2.5-coder", ["llama3"]]);
  await expect(select({ provider: "openai", model: "ollama/llama3", providers: ollama })).rejects.toThrow('model "ollama/llama3" belongs to provider "ollama", not "openai"');
});

test("an API key in settings may name an environment variable instead", async () => {
  const providers: Record<string, ProviderSettings> = { router: { type: "openai", baseURL: "https://openrouter.ai/api/v1", apiKey: "$ROUTER_KEY", models: ["a/b"] } };
  expect((await select({ provider: "router", providers }, { ROUTER_KEY: "sk-or" })).model).toBe("a/b");
  await expect(select({ provider: "router", providers }, {})).rejects.toThrow('provider "router" reads its key from $ROUTER_KEY, which is not set');
});

test("mistakes are one clear line", async () => {
  await expect(select({ provider: "olama", providers: ollama }, {})).rejects.toThrow('unknown provider "olama" (known: anthropic, openai, ollama; add others under "providers" in settings)');
  await expect(select({ model: "sonnet", fallbackModels: ["sonnet"] }, { ANTHROPIC_API_KEY: "k" })).rejects.toThrow("the fallback model cannot be the main model (claude-sonnet-5-5)");
  await expect(select({ model: "sonnet", fallbackModels: ["ollama/llama3"], providers: ollama }, { ANTHROPIC_API_KEY: "k" })).rejects.toThrow("fallback models must come from the main model's provider");
  await expect(select({}, { ANTHROPIC_API_KEY: "k", API_TIMEOUT_MS: "soon" })).rejects.toThrow('API_TIMEOUT_MS must be a whole number of at least 1 (got "soon")');
});

test("retry settings come from Claude Code's variables", async () => {
  const s = await select({}, { ANTHROPIC_API_KEY: "k", API_TIMEOUT_MS: "5000", CLAUDE_CODE_MAX_RETRIES: "0" });
  expect(s.retry).toEqual({ timeoutMs: 5000, maxRetries: 0 });
});

test("unknown models get safe defaults; Claude models newer than the table keep Claude's features", () => {
  expect(modelInfo("mystery-7b")).toMatchObject({ contextWindow: 128_000, maxOutput: 8192, images: false, thinking: false, caching: false });
  expect(modelInfo("claude-opus-9")).toMatchObject({ images: true, thinking: true, caching: true });
  expect(modelInfo("anthropic/claude-sonnet-4.5")).toMatchObject({ contextWindow: 200_000, maxOutput: 64_000, price: { input: 3 } });
});
