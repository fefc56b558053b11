import { AgentSession } from "../agent/session.ts";
import { loadAgents, parseCliAgents } from "../agents/load.ts";
import { agentListing } from "../agents/listing.ts";
import { SessionServices } from "../agents/services.ts";
import { ModeSwitch } from "../agents/modes.ts";
import { effortBudget, effortLevel, type ThinkingChoice, thinkingSetup } from "../agents/thinking.ts";
import { type LoadedSettingsFile, loadSettings, type Settings, type SettingsChoice } from "../config/settings.ts";
import { readSettingsFlag } from "../config/settings-flag.ts";
import { sessionDir } from "../config/paths.ts";
import { gitSnapshot } from "../context/git.ts";
import { SessionContext } from "../context/session-context.ts";
import { SessionMemory } from "../context/session-memory.ts";
import { sessionOutputStyle } from "../context/output-styles.ts";
import { currentEnvironment, customizeSystemPrompt, systemPrompt } from "../context/system-prompt.ts";
import { FileState } from "../fs/file-state.ts";
import { readConfigText } from "../fs/fs-error.ts";
import { modelInfo } from "../model/models.ts";
import type { SystemBlock } from "../model/provider.ts";
import { ConfigError, selectProvider } from "../model/select.ts";
import { Hooks } from "../hooks/hooks.ts";
import { instructionsLoaded } from "../hooks/instructions.ts";
import { conversationHooks } from "../hooks/session.ts";
import { unraisedEventsNotice } from "../config/hook-events.ts";
import type { Asker } from "../permissions/ask.ts";
import { createPermissionEngine } from "../permissions/create.ts";
import type { PermissionEngine } from "../permissions/engine.ts";
import type { PermissionMode } from "../permissions/gate.ts";
import { realPath } from "../permissions/real-path.ts";
import { SandboxSwitch } from "../sandbox/switch.ts";
import { repositoryProblem } from "../permissions/repository.ts";
import type { Plugin } from "../plugins/manifest.ts";
import { loadPlugins, putBinsOnPath, withPluginHooks } from "../plugins/load.ts";
import { loadRegistry } from "../registry/load.ts";
import type { Registry } from "../registry/registry.ts";
import { sessionPath } from "../session/list.ts";
import { openSession } from "../session/open.ts";
import { allowing } from "../skills/allowed-tools.ts";
import { listingBudget, loadCatalog, type SkillCatalog } from "../skills/catalog.ts";
import { SkillRuntime } from "../skills/runtime.ts";
import { configuredServers } from "../mcp/config.ts";
import { startAfterFirstRequest } from "../mcp/first-request.ts";
import { McpManager } from "../mcp/manager.ts";
import { configuredLspServers } from "../lsp/config.ts";
import { LspManager } from "../lsp/manager.ts";
import { LSP_TOOL } from "../lsp/query.ts";
import type { Options } from "./args.ts";
import { leftOutByToolsFlag } from "./tools-flag.ts";
import { asTrusted, decideTrust, repositoryGrants, type TrustChoice, untrustedImportProblem } from "./trust.ts";

/** `settingsFiles`: each file on its own, for what depends on where a setting came from (permission rules). */
/** `choice`: the settings sources of this run (--setting-sources, --settings), for reading them again. */
/** `trusted`: whether this folder's repository configuration applies (see trust.ts); `settings` and `settingsFiles` already follow it. */
export type Workspace = { settings: Settings; settingsFiles: LoadedSettingsFile[]; choice: SettingsChoice; trusted: boolean; registry: Registry; skills: SkillCatalog; plugins: Plugin[]; problems: string[] };

/**
 * Settings, the registry, skills and custom commands: what every mode needs before it can do
 * anything. Whether the folder is trusted is settled first (`confirm` asks the user, in the REPL),
 * since the project's settings and modules apply only then. Throws ConfigError for a --settings
 * value that cannot be used.
 */
export async function loadWorkspace(cwd: string, flags: Partial<Pick<Options, "settings" | "settingSources" | "trust" | "strictMcpConfig" | "pluginDir">> = {}, confirm?: TrustChoice["confirm"]): Promise<Workspace> {
  const choice: SettingsChoice = { sources: flags.settingSources, flag: flags.settings === undefined ? undefined : readSettingsFlag(flags.settings, cwd) };
  const all = loadSettings(cwd, undefined, choice);
  // The project's skills and commands are read first: those with allowed-tools are part of what trusting the folder grants.
  let skills = await loadCatalog({ cwd });
  const { trusted, loaded, problems: trustProblems } = await decideTrust(cwd, all, { flag: flags.trust, strictMcpConfig: flags.strictMcpConfig, confirm, grants: repositoryGrants(skills.catalog) });
  // Settings may set environment variables (API keys, base URLs), as Claude Code's do.
  for (const [key, value] of Object.entries(loaded.settings.env ?? {})) process.env[key] ??= value;
  // Plugins come from settings that apply (a project's enabledPlugins only in a trusted folder) and --plugin-dir.
  const plugins = loadPlugins({ settings: loaded.settings, dirs: flags.pluginDir ?? [], cwd });
  if (plugins.plugins.length > 0) skills = await loadCatalog({ cwd, plugins: plugins.plugins });
  putBinsOnPath(plugins.plugins);
  const { registry, problems } = await loadRegistry({ cwd, trusted });
  registry.shadowBuiltins(skills.catalog.forUser().map((c) => c.name));
  return { settings: loaded.settings, settingsFiles: loaded.files, choice, trusted, registry, skills: skills.catalog, plugins: plugins.plugins, problems: [...loaded.problems, ...trustProblems, ...problems, ...skills.problems, ...plugins.problems] };
}

/** --sandbox and --no-sandbox outrank `sandbox.enabled`. */
function sandboxOn(options: Options, settings: Settings): boolean {
  if (options.sandbox || options.noSandbox) return options.sandbox;
  return settings.sandbox?.enabled === true;
}

export function permissionMode(options: Options, settings: Settings): PermissionMode {
  if (options.skipPermissions) return "bypassPermissions";
  return options.permissionMode ?? settings.permissions?.defaultMode ?? "default";
}

/**
 * What the flags, the environment and settings say about extended thinking: --thinking disabled
 * wins, then a budget (--max-thinking-tokens, else --effort's), then --thinking enabled|adaptive.
 */
export function thinkingChoice(options: Pick<Options, "thinking" | "maxThinkingTokens" | "effort">, settings: Settings): ThinkingChoice {
  const budget = options.thinking === "disabled" ? 0 : (options.maxThinkingTokens ?? (options.effort && effortBudget(options.effort)));
  return { flag: options.thinking === undefined ? undefined : options.thinking !== "disabled", flagBudget: budget, envBudget: process.env.MAX_THINKING_TOKENS, settings };
}

/** A session with what the modes around it need: its skills runtime, permission engine, MCP servers and hooks. */
/** `outputStyle`: the name of the session's output style ("default" when none). */
export type Created = { session: AgentSession; skills: SkillRuntime; permissions: PermissionEngine; mcp?: McpManager; hooks?: Hooks; lsp?: LspManager; outputStyle: string };

/** A ready session: provider, model, permission gate and tool environment wired together. Throws ConfigError. */
export async function createSession(
  options: Options,
  workspace: Workspace,
  cwd: string,
  /**
   * The REPL answers permission prompts and shows notices in its transcript (print mode has no one
   * to ask, and notices go to stderr); `cleared`: the session replaces one the user cleared (/clear).
   */
  interactive: { asker?: Asker; notify?: (line: string) => void; cleared?: boolean } = {},
): Promise<Created> {
  const notify = interactive.notify ?? toStderr;
  const { settings } = workspace;
  // The REPL turns a bare --resume into its session picker before it gets here; nothing else can ask.
  if (options.resume === true) throw new ConfigError("--resume needs a session id when nobody can pick one (print mode, or stdin/stdout not a terminal): pass the id, or use --continue for the latest session of this directory");
  const { provider: selected, model, fallbackModels, retry } = await selectProvider({
    replay: options.replay,
    provider: options.provider ?? settings.provider,
    model: options.model ?? settings.model,
    fallbackModels: options.fallbackModel ?? settings.fallbackModel,
    providers: settings.providers,
    cwd,
    betas: options.betas,
  });
  if (options.betas.length > 0 && selected.name !== "anthropic") notify(`--betas is for the Anthropic API; provider ${selected.name} does not take it: ignored`);
  // Where nobody can be asked (print mode, the SDK) pending .mcp.json servers start; the REPL asked before it got here.
  const mcp = mcpManager(options, workspace, cwd, modelInfo(model).contextWindow, notify, !interactive.asker);
  const provider = mcp ? startAfterFirstRequest(selected, () => void mcp.start()) : selected;
  const [opened, git] = await Promise.all([
    openSession(cwd, { resume: options.resume, continue: options.continue, fork: options.forkSession, persist: !options.noSessionPersistence, id: options.sessionId }),
    gitSnapshot(cwd, (dir) => repositoryProblem(realPath(dir), [realPath(dir)])),
  ]);
  const sessionId = opened.id;
  const skills = new SkillRuntime(workspace.skills, mcp && ((server, uri) => mcp.mention(server, uri)), workspace.trusted);
  const listing = workspace.skills.listing(listingBudget(modelInfo(model).contextWindow));
  const fromFlag = options.agents === undefined ? [] : cliAgents(options.agents);
  const agents = await loadAgents(cwd, fromFlag, undefined, workspace.plugins);
  const outputStyle = await sessionOutputStyle(workspace.settings.outputStyle, cwd, workspace.plugins);
  const thinking = thinkingSetup(model, Math.min(32_000, modelInfo(model).maxOutput), thinkingChoice(options, settings));
  const hookConfig = withPluginHooks(workspace.settings.hooks, workspace.plugins);
  const configured = Object.values(hookConfig.config).some((groups) => Array.isArray(groups) && groups.length > 0);
  const mode = permissionMode(options, workspace.settings);
  const toolNames = workspace.registry.listTools({ withheld: true }).map((t) => t.tool.name);
  const hookSession = { sessionId, transcriptPath: sessionPath(cwd, sessionId), cwd, projectDir: cwd, mode: () => engine?.mode ?? mode, effort: effortLevel(thinking.thinking) };
  const hooks = configured ? new Hooks(hookConfig.config, hookSession, notify, { verbose: options.verbose, commandEnv: hookConfig.env }) : undefined;
  const unraised = unraisedEventsNotice(Object.keys(hookConfig.config));
  if (unraised) notify(unraised);
  const sandbox = new SandboxSwitch(settings.sandbox ?? {}, { projectDir: cwd, workingDirs: () => engine.paths.workingDirs, denyPatterns: (tool) => engine.book.readDenyPatterns(tool), grants: () => engine.book.sandboxGrants() }, sandboxOn(options, settings));
  const { engine, problems, warnings } = createPermissionEngine({ mode, settings: workspace.settings, files: workspace.settingsFiles, flags: options, cwd, hooks, asker: interactive.asker, tools: toolNames, sandbox });
  if (problems.length > 0) throw new ConfigError(problems.join("; "));
  for (const warning of warnings) notify(warning);
  const unavailable = await sandbox.unavailableLine();
  if (unavailable) notify(unavailable);
  // Memory files and their @imports are read once the deny rules are known: those bind them too.
  // In an untrusted folder the repository's memory files import nothing from outside it, and no secret.
  const loaded = await SessionMemory.load(cwd, undefined, (path) => engine.canRead(path), workspace.trusted ? undefined : untrustedImportProblem(cwd));
  const leftOut = leftOutByToolsFlag(options.tools, workspace.registry);
  const lsp = languageServers(workspace, cwd, notify);
  // No language server for the project: the LSP tool is not offered, and costs no tokens.
  workspace.registry.withhold((name) => engine.deniesEntirely(name) || leftOut(name) || (name === LSP_TOOL && !lsp));
  if (hooks) await instructionsLoaded(hooks, loaded.memory.files);
  const source = interactive.cleared ? "clear" : options.resume || options.continue ? "resume" : "startup";
  const startContext = (await hooks?.sessionStart(source)) ?? [];
  const conversation = hooks && conversationHooks(hooks, startContext);
  const preCompact = conversation && (async ({ trigger, customInstructions }: { trigger: "auto" | "manual"; customInstructions: string }) => {
    const said = await conversation.event("PreCompact", { trigger, custom_instructions: customInstructions });
    return { block: said.blocked ?? (said.stop !== undefined ? said.stop || "continue: false" : undefined), instructions: said.context.join("\n") || undefined };
  });
  const session = new AgentSession(
    // Invoking a skill lets its allowed-tools run without asking.
    { provider, registry: workspace.registry, permissions: allowing(engine, () => skills.grants) },
    {
      model,
      maxTokens: thinking.maxTokens,
      thinking: thinking.thinking,
      system: customizeSystemPrompt(withListings(systemPrompt({ ...currentEnvironment(cwd), git, memory: loaded.memory.systemText() }, outputStyle.style), listing, agentListing(workspace.registry, agents.agents)), await promptFlags(options)),
      maxTurns: options.maxTurns,
      hooks: conversation,
      maxBudgetUsd: options.maxBudgetUsd,
      context: new SessionContext(loaded.memory, { autoCompact: workspace.settings.autoCompact ?? true, window: compactWindow(), preCompact, afterCompact: hooks && (async ({ trigger, summary }) => {
        await hooks.run("PostCompact", { trigger, compact_summary: summary });
        return hooks.sessionStart("compact");
      }) }),
      retry: { ...retry, fallbackModels },
    },
    { cwd, sessionId, sessionDir: sessionDir(cwd, sessionId), files: new FileState(), sandbox },
    { messages: opened.messages, cost: opened.cost, store: opened.store, notices: [...opened.problems, ...loaded.problems, ...agents.problems, ...outputStyle.problems, ...(thinking.notice ? [thinking.notice] : [])] },
  );
  const services = new SessionServices(session, { agents: agents.agents, loadAgents: () => loadAgents(cwd, fromFlag, undefined, workspace.plugins) });
  services.modes = new ModeSwitch(engine);
  services.skills = skills;
  services.readSettings = () => asTrusted(loadSettings(cwd, undefined, workspace.choice), workspace.trusted, cwd);
  services.code = lsp;
  session.env.services = services;
  skills.attach(session);
  return { session, skills, permissions: engine, mcp, hooks, lsp, outputStyle: outputStyle.style?.name ?? "default" };
}

/** The session's MCP servers, when any is configured (settings, .mcp.json, --mcp-config). Nothing connects yet. */
export function mcpManager(
  options: Pick<Options, "mcpConfig" | "strictMcpConfig">,
  workspace: Workspace,
  cwd: string,
  contextWindow: number,
  notify: (line: string) => void = toStderr,
  startPending = true,
): McpManager | undefined {
  const { servers, problems } = configuredServers({ settings: workspace.settings, flags: options.mcpConfig, strict: options.strictMcpConfig, cwd, trusted: workspace.trusted, startPending, plugins: workspace.plugins });
  for (const problem of problems) notify(problem);
  if (servers.length === 0) return undefined;
  return new McpManager(servers, workspace.registry, cwd, contextWindow, notify);
}

/** The project's language servers (plugins' and settings' `lspServers`, known servers on PATH); none start yet. */
export function languageServers(workspace: Pick<Workspace, "settings" | "settingsFiles" | "plugins">, cwd: string, notify: (line: string) => void = toStderr): LspManager | undefined {
  const problems: string[] = [];
  // A plugin's servers come first, so the user's settings can replace one by name.
  const fromPlugins = workspace.plugins.map((p) => ({ path: `plugin ${p.id}`, settings: { lspServers: p.lspServers } }));
  const configured = configuredLspServers([...fromPlugins, ...workspace.settingsFiles], problems);
  for (const problem of problems) notify(problem);
  return LspManager.forProject(configured, cwd, { waitMs: workspace.settings.lspDiagnosticsTimeout, notice: notify });
}

function toStderr(line: string): void {
  process.stderr.write(`nanocode: ${line}\n`);
}

/** The skills and agents listings go after the static guidance and before the environment block, which stays last. */
function withListings(blocks: SystemBlock[], ...listings: (string | undefined)[]): SystemBlock[] {
  const texts = listings.filter((t): t is string => t !== undefined);
  return [...blocks.slice(0, 1), ...texts.map((text): SystemBlock => ({ type: "text", text })), ...blocks.slice(1)];
}

/** A smaller window to compact against than the model's (Claude Code's variable is honoured too). */
function compactWindow(env = process.env): number | undefined {
  const value = Number(env.NANOCODE_AUTO_COMPACT_WINDOW || env.CLAUDE_CODE_AUTO_COMPACT_WINDOW);
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

/** --system-prompt / --append-system-prompt, or their -file variants. */
async function promptFlags(options: Options): Promise<{ replace?: string; append?: string }> {
  const read = (path: string | undefined, flag: string) => {
    if (path === undefined) return undefined;
    const file = readConfigText(path, { pipes: true });
    if ("text" in file) return file.text;
    throw new ConfigError(`${flag}: ${"problem" in file ? file.problem : `file not found: ${path}`}`);
  };
  return {
    replace: options.systemPrompt ?? read(options.systemPromptFile, "--system-prompt-file"),
    append: options.appendSystemPrompt ?? read(options.appendSystemPromptFile, "--append-system-prompt-file"),
  };
}

function cliAgents(json: string) {
  try {
    return parseCliAgents(json);
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
}
