import { homedir } from "node:os";
import { AnthropicProvider } from "./anthropic.ts";
import { DEFAULT_MODEL, resolveModel } from "./models.ts";
import type { Provider } from "./provider.ts";
import { ReplayProvider } from "./replay.ts";

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
