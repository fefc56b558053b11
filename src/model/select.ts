// Which provider and model a run uses, from flags, settings and the environment.

import { homedir } from "node:os";
import type { ProviderSettings } from "../config/settings.ts";
import { AnthropicProvider } from "./anthropic.ts";
import { configureModel, DEFAULT_MODEL, resolveModel } from "./models.ts";
import type { Provider } from "./provider.ts";
import { ReplayProvider } from "./replay.ts";
import type { RetryOptions } from "./retry.ts";

export class ConfigError extends Error {}

export type ProviderChoice = {
  replay?: string;
  /** --provider, else the `provider` setting: "anthropic", "openai" or a name from `providers`. */
  provider?: string;
  /** --model, else the `model` setting; "<name>/<model>" picks the named provider. */
  model?: string;
  /** --fallback-model or the fallbackModel setting: a list, or a comma list in one string. */
  fallbackModels?: string | string[];
  providers?: Record<string, ProviderSettings>;
  cwd: string;
  /** --betas: beta headers for an Anthropic API provider. */
  betas?: string[];
};

export type Selection = { provider: Provider; model: string; fallbackModels: string[]; retry: Partial<RetryOptions> };

const OPENAI_URL = "https://api.openai.com/v1";

/** The provider, model and retry policy of this run; ConfigError says what is missing or wrong. */
export async function selectProvider(choice: ProviderChoice, env = process.env): Promise<Selection> {
  const named = choice.providers ?? {};
  const prefix = providerPrefix(choice.model, named);
  if (prefix && choice.provider && prefix !== choice.provider) throw new ConfigError(`model "${choice.model}" belongs to provider "${prefix}", not "${choice.provider}"`);
  const name = choice.replay ? "replay" : (prefix ?? choice.provider ?? defaultProvider(env));
  const strip = (model: string | undefined) => (model && prefix && model.startsWith(`${name}/`) ? model.slice(name.length + 1) : model);
  const { provider, model, resolve } = await build(name, strip(choice.model), named, choice, env);
  const fallbacks = typeof choice.fallbackModels === "string" ? splitList(choice.fallbackModels) : (choice.fallbackModels ?? []);
  const fallbackModels = fallbacks.map((m) => {
    const other = providerPrefix(m, named);
    if (other && other !== name) throw new ConfigError(`fallback model "${m}" belongs to provider "${other}": fallback models must come from the main model's provider ("${name}")`);
    return resolve(other ? m.slice(other.length + 1) : m);
  });
  if (fallbackModels.includes(model)) throw new ConfigError(`the fallback model cannot be the main model (${model})`);
  return { provider, model, fallbackModels, retry: retryFromEnv(env) };
}

/** "a, b,c" → ["a", "b", "c"]. */
export const splitList = (s: string) => s.split(",").map((m) => m.trim()).filter(Boolean);

/** "ollama/qwen2.5-coder" names provider "ollama" only when settings define it: gateways' ids contain "/" too. */
function providerPrefix(model: string | undefined, named: Record<string, ProviderSettings>): string | undefined {
  const slash = model?.indexOf("/") ?? -1;
  const prefix = slash > 0 ? model!.slice(0, slash) : undefined;
  return prefix && Object.hasOwn(named, prefix) ? prefix : undefined;
}

function defaultProvider(env: NodeJS.ProcessEnv): string {
  if (env.ANTHROPIC_API_KEY || env.ANTHROPIC_AUTH_TOKEN) return "anthropic";
  return env.OPENAI_BASE_URL || env.OPENAI_API_KEY ? "openai" : "anthropic";
}

type Built = { provider: Provider; model: string; resolve: (model: string) => string };

async function build(name: string, model: string | undefined, named: Record<string, ProviderSettings>, choice: ProviderChoice, env: NodeJS.ProcessEnv): Promise<Built> {
  const claude = (m: string | undefined) => resolveModel(m || env.ANTHROPIC_MODEL || DEFAULT_MODEL);
  if (name === "replay") {
    const provider = await ReplayProvider.fromFile(choice.replay!, { workdir: choice.cwd, home: homedir() }).catch((error: Error) => {
      throw new ConfigError(error.message);
    });
    return { provider, model: claude(model), resolve: resolveModel };
  }
  const entry = Object.hasOwn(named, name) ? named[name] : undefined;
  if (entry) return fromSettings(name, entry, model, env, choice.betas);
  if (name === "anthropic") {
    const apiKey = env.ANTHROPIC_API_KEY || undefined;
    const authToken = env.ANTHROPIC_AUTH_TOKEN || undefined;
    if (!apiKey && !authToken) {
      throw new ConfigError(
        "no API key: set ANTHROPIC_API_KEY (or ANTHROPIC_AUTH_TOKEN for a gateway), or OPENAI_BASE_URL/OPENAI_API_KEY for an OpenAI-compatible server, or run offline with --replay FILE (try: bun run demo)",
      );
    }
    const baseURL = checkedURL("ANTHROPIC_BASE_URL", env.ANTHROPIC_BASE_URL);
    return { provider: new AnthropicProvider({ apiKey, authToken, baseURL, betas: choice.betas }), model: claude(model), resolve: resolveModel };
  }
  if (name === "openai") {
    const baseURL = checkedURL("OPENAI_BASE_URL", env.OPENAI_BASE_URL) ?? OPENAI_URL;
    const apiKey = env.OPENAI_API_KEY || undefined;
    if (!apiKey && baseURL === OPENAI_URL) throw new ConfigError("no API key: set OPENAI_API_KEY (and OPENAI_BASE_URL for a server other than OpenAI's)");
    const chosen = model || env.OPENAI_MODEL;
    if (!chosen) throw new ConfigError("no model for the openai provider: pass --model NAME or set OPENAI_MODEL");
    const { OpenAIProvider } = await import("./openai.ts");
    return { provider: new OpenAIProvider({ name, baseURL, apiKey, keyHint: "check OPENAI_API_KEY", defaultModel: chosen }), model: chosen, resolve: (m) => m };
  }
  const known = ["anthropic", "openai", ...Object.keys(named)].join(", ");
  throw new ConfigError(`unknown provider "${name}" (known: ${known}; add others under "providers" in settings)`);
}

async function fromSettings(name: string, entry: ProviderSettings, model: string | undefined, env: NodeJS.ProcessEnv, betas?: string[]): Promise<Built> {
  const models = Array.isArray(entry.models) ? entry.models : Object.keys(entry.models ?? {});
  if (!Array.isArray(entry.models)) for (const [id, info] of Object.entries(entry.models ?? {})) configureModel(id, info);
  const chosen = model || models[0];
  if (!chosen) throw new ConfigError(`no model for provider "${name}": pass --model ${name}/MODEL or list its "models" in settings`);
  const keyHint = `check "apiKey" of provider "${name}" in settings`;
  // "$NAME" reads the key from the environment, so settings files need not hold secrets.
  const apiKey = entry.apiKey?.startsWith("$") ? env[entry.apiKey.slice(1)] || undefined : entry.apiKey;
  if (entry.apiKey && !apiKey) throw new ConfigError(`provider "${name}" reads its key from ${entry.apiKey}, which is not set`);
  if (entry.type === "anthropic") {
    return { provider: new AnthropicProvider({ apiKey, baseURL: entry.baseURL, keyHint, smallModel: entry.smallModel, betas }), model: resolveModel(chosen), resolve: resolveModel };
  }
  const { OpenAIProvider } = await import("./openai.ts");
  const provider = new OpenAIProvider({ name, baseURL: entry.baseURL, apiKey, keyHint, promptCaching: entry.promptCaching, headers: entry.headers, defaultModel: chosen, smallModel: entry.smallModel });
  return { provider, model: chosen, resolve: (m) => m };
}

function checkedURL(variable: string, value: string | undefined): string | undefined {
  if (value && !URL.canParse(value)) throw new ConfigError(`${variable} is not a valid URL: ${value}`);
  return value || undefined;
}

/** Claude Code's variables where it has them, with the smallest value each takes. */
const RETRY_VARIABLES = [
  ["API_TIMEOUT_MS", "timeoutMs", 1],
  ["CLAUDE_CODE_MAX_RETRIES", "maxRetries", 0],
  ["NANOCODE_RETRY_BASE_DELAY_MS", "baseDelayMs", 0],
] as const;

function retryFromEnv(env: NodeJS.ProcessEnv): Partial<RetryOptions> {
  const options: Partial<RetryOptions> = {};
  for (const [variable, option, min] of RETRY_VARIABLES) {
    const value = env[variable];
    if (value === undefined || value === "") continue;
    if (!/^\d+$/.test(value) || Number(value) < min) throw new ConfigError(`${variable} must be a whole number${min > 0 ? ` of at least ${min}` : ""} (got "${value}")`);
    options[option] = Number(value);
  }
  return options;
}
