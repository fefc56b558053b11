import { mkdir } from "node:fs/promises";
import { runAgent } from "../agent/loop.ts";
import { configDir, sessionDir } from "../config/paths.ts";
import { currentEnvironment, systemPrompt } from "../context/system-prompt.ts";
import { FileState } from "../fs/file-state.ts";
import { modelInfo } from "../model/models.ts";
import { ConfigError, chooseModel, selectProvider } from "../model/select.ts";
import { modeGate } from "../permissions/gate.ts";
import { printRun } from "../print/printer.ts";
import { loadRegistry } from "../registry/load.ts";
import { HELP, type Options, parseArgs, UsageError } from "./args.ts";
import { runSlashCommand } from "./slash.ts";
import { listTools } from "./tools-command.ts";

const fail = (message: string): number => {
  process.stderr.write(`Error: ${message}\n`);
  return 1;
};

/** The prompt from arguments, else from piped stdin. */
async function readPrompt(options: Options): Promise<string> {
  const fromArgs = options.positional.join(" ");
  if (fromArgs) return fromArgs;
  if (process.stdin.isTTY) return "";
  return Bun.stdin.text();
}

export async function runCli(argv: string[]): Promise<number> {
  const startedAt = performance.now();
  let options: Options;
  try {
    options = parseArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) return fail(error.message);
    throw error;
  }
  if (options.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const cwd = process.cwd();
  const { registry, problems } = await loadRegistry({ cwd });
  for (const problem of problems) process.stderr.write(`nanocode: ${problem}\n`);

  if (options.positional[0] === "tools" && options.positional.length === 1) return listTools(registry);

  let prompt = await readPrompt(options);
  if (prompt.trim() === "") {
    return fail(process.stdin.isTTY && !options.print ? "no prompt given. Run nanocode -p \"your request\" (the interactive REPL is not built yet)." : "no prompt given: pass it as an argument or on stdin.");
  }

  const sessionId = crypto.randomUUID();
  if (prompt.startsWith("/")) {
    const handled = await runSlashCommand(prompt, registry, cwd);
    if (handled.kind === "done") return handled.exitCode;
    if (handled.kind === "prompt") prompt = handled.prompt;
  }

  let provider;
  try {
    provider = await selectProvider({ replay: options.replay, cwd });
  } catch (error) {
    if (error instanceof ConfigError) return fail(error.message);
    throw error;
  }
  const model = chooseModel(options.model);
  const mode = options.skipPermissions ? "bypassPermissions" : (options.permissionMode ?? "default");
  const env = { cwd, sessionId, sessionDir: sessionDir(cwd, sessionId), files: new FileState() };
  await mkdir(configDir(), { recursive: true }).catch(() => {});

  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);

  const run = runAgent(
    { provider, registry, permissions: modeGate(mode) },
    {
      model,
      maxTokens: Math.min(32_000, modelInfo(model).maxOutput),
      system: systemPrompt(currentEnvironment(cwd)),
      maxTurns: options.maxTurns,
      env,
      signal: controller.signal,
    },
    [],
    { role: "user", content: prompt },
  );
  return printRun(run, options.outputFormat, { sessionId, startedAt, verbose: options.verbose });
}
