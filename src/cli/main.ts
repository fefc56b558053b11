import { ConfigError } from "../model/select.ts";
import { fail, HELP, type Options, parseArgs, UsageError, unhonouredLines } from "./args.ts";
import { commandSession } from "./command-session.ts";
import { printMode } from "./print-mode.ts";
import { loadSettings } from "../config/settings.ts";
import { LSP_TOOL } from "../lsp/query.ts";
import { type Created, createSession, languageServers, loadWorkspace, mcpManager, type Workspace } from "./setup.ts";
import { runSlashCommand } from "./slash.ts";
import { listTools } from "./tools-command.ts";
import { approveProjectServers } from "./mcp-approval.ts";
import type { askProjectServers } from "../ui/mcp-approval-prompt.ts";
import { decideTrust, type TrustChoice } from "./trust.ts";

/** The prompt from arguments, else from piped stdin. */
async function readPrompt(options: Options): Promise<string> {
  const fromArgs = options.positional.join(" ");
  if (fromArgs) return fromArgs;
  if (process.stdin.isTTY) return "";
  return Bun.stdin.text();
}

export async function runCli(argv: string[]): Promise<number> {
  const startedAt = performance.now();
  // `mcp` and `plugin` take options of their own (-e, -H, -s, --scope): they are parsed apart from the main flags.
  if (argv[0] === "mcp" || argv[0] === "plugin") {
    const cwd = process.cwd();
    const { trusted, loaded, problems } = await decideTrust(cwd, loadSettings(cwd), {});
    for (const problem of problems) process.stderr.write(`nanocode: ${problem}\n`);
    if (argv[0] === "plugin") return (await import("./plugin-command.ts")).runPluginCommand(argv.slice(1), loaded.settings, cwd);
    return (await import("./mcp-command.ts")).runMcpCommand(argv.slice(1), loaded.settings, trusted, cwd);
  }
  let options: Options;
  try {
    options = parseArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) return fail(error.message);
    throw error;
  }
  for (const line of unhonouredLines(options)) process.stderr.write(`nanocode: ${line}\n`);
  if (options.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const cwd = process.cwd();
  const command = options.positional.length === 1 && ["tools", "update", "lsp"].includes(options.positional[0]!);
  // On a terminal without -p: the interactive session (a prompt given becomes its first message).
  const interactive = !command && options.inputFormat !== "stream-json" && !options.print && process.stdin.isTTY && process.stdout.isTTY;
  let workspace: Workspace;
  try {
    // The REPL asks whether to trust the folder, before anything of the project runs.
    const confirm: TrustChoice["confirm"] = interactive ? async (folder, ignored) => (await import("../ui/trust-prompt.ts")).askTrust(folder, ignored) : undefined;
    workspace = await loadWorkspace(cwd, options, confirm);
  } catch (error) {
    if (error instanceof ConfigError) return fail(error.message);
    throw error;
  }
  for (const problem of workspace.problems) process.stderr.write(`nanocode: ${problem}\n`);
  if (interactive) {
    // The REPL asks once about the project's .mcp.json servers nobody has answered for (print mode starts them).
    const ask = async (servers: Parameters<typeof askProjectServers>[0]) => (await import("../ui/mcp-approval-prompt.ts")).askProjectServers(servers);
    const unsaved = await approveProjectServers(workspace.settings, cwd, { trusted: workspace.trusted, strict: options.strictMcpConfig }, ask);
    if (unsaved) process.stderr.write(`nanocode: ${unsaved}\n`);
  }

  if (options.positional[0] === "tools" && options.positional.length === 1) {
    // As a session would offer them: the LSP tool only where the project has a language server.
    if (!languageServers(workspace, cwd, () => {})) workspace.registry.withhold((name) => name === LSP_TOOL);
    return listTools(workspace.registry, mcpManager(options, workspace, cwd, Number.POSITIVE_INFINITY));
  }
  if (options.positional[0] === "lsp" && options.positional.length === 1) return (await import("./lsp-command.ts")).runLspCommand(workspace, cwd);
  if (options.positional[0] === "update" && options.positional.length === 1) return (await import("../update/update.ts")).runUpdate();

  if (options.inputFormat === "stream-json") {
    if (options.positional.length > 0) return fail("--input-format stream-json reads the messages from stdin: give no prompt argument.");
    return printMode(options, workspace, cwd, "", startedAt);
  }
  if (interactive) {
    const { startRepl } = await import("./repl.ts");
    try {
      return await startRepl(options, workspace, cwd);
    } catch (error) {
      if (error instanceof ConfigError) return fail(error.message);
      throw error;
    }
  }
  let prompt = await readPrompt(options);
  if (prompt.trim() === "") return fail("no prompt given: pass it as an argument or on stdin.");
  let opened: Promise<Created> | undefined;
  // In text mode a command module prints its own output, before any session is needed (/help
  // works without an API key); the JSON formats run it in print mode, its output as the result.
  if (prompt.startsWith("/") && options.outputFormat === "text") {
    const session = () => (opened ??= createSession(options, workspace, cwd)).then(({ session, mcp }) => commandSession(session, { mcp }));
    const handled = await runSlashCommand(prompt, workspace.registry, cwd, session);
    if (handled.kind === "done") {
      if (handled.output) process.stdout.write(`${handled.output}\n`);
      return handled.error === undefined ? 0 : fail(handled.error);
    }
    if (handled.kind === "prompt") prompt = handled.prompt;
  }

  return printMode(options, workspace, cwd, prompt, startedAt, opened);
}
