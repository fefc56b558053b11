import { homedir } from "node:os";
import { AnthropicProvider } from "./anthropic.ts";
import { DEFAULT_MODEL, resolveModel } from "./models.ts";
import type { Provider } from "./provider.ts";
import { ReplayProvider } from "./replay.ts";
import type { RetryOptions } from "./retry.ts";

export class ConfigError extends Error {}

export function chooseModel(flag: string | undefined, env = process.env): string {
  return resolveModel(flag || env.ANTHROPIC_MODEL || DEFAULT_MODEL);
}

/** The provider for this run, from flags and environment; ConfigError says what is missing. */
export async function selectProvider(options: { replay?: string; cwd: string }, env = process.env): Promise<Provider> {
  if (options.replay) {
    return ReplayProvider.fromFile(options.replay, { workdir: options.cwd, home: homedir() }).catch((error: Error) => {
      throw new ConfigError(error.message);
    });
  }
  const apiKey = env.ANTHROPIC_API_KEY || undefined;
  const authToken = env.ANTHROPIC_AUTH_TOKEN || undefined;
  if (!apiKey && !authToken) {
    throw new ConfigError("no API key: set ANTHROPIC_API_KEY (or ANTHROPIC_AUTH_TOKEN for a gateway), or run offline with --replay FILE (try: bun run demo)");
  }
  const baseURL = env.ANTHROPIC_BASE_URL || undefined;
  if (baseURL && !URL.canParse(baseURL)) throw new ConfigError(`ANTHROPIC_BASE_URL is not a valid URL: ${baseURL}`);
  return new AnthropicProvider({ apiKey, authToken, baseURL });
}

/** Claude Code's variables where it has them (API_TIMEOUT_MS, CLAUDE_CODE_MAX_RETRIES). */
export function retryFromEnv(env = process.env): Partial<RetryOptions> {
  const read = (variable: string, min: number): number | undefined => {
    const value = env[variable];
    if (value === undefined || value === "") return undefined;
    if (!/^\d+$/.test(value) || Number(value) < min) throw new ConfigError(`${variable} must be a whole number${min > 0 ? ` of at least ${min}` : ""} (got "${value}")`);
    return Number(value);
  };
  const options: Partial<RetryOptions> = {};
  const timeoutMs = read("API_TIMEOUT_MS", 1);
  const maxRetries = read("CLAUDE_CODE_MAX_RETRIES", 0);
  const baseDelayMs = read("NANOCODE_RETRY_BASE_DELAY_MS", 0);
  if (timeoutMs !== undefined) options.timeoutMs = timeoutMs;
  if (maxRetries !== undefined) options.maxRetries = maxRetries;
  if (baseDelayMs !== undefined) options.baseDelayMs = baseDelayMs;
  return options;
}
