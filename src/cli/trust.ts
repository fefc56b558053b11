// Decides, once per run and before anything of the project runs, whether this folder's repository
// configuration applies: the settings repository-config.ts judges, the project's `.mcp.json`
// servers, and its code modules (`.nanocode/tools`, `.nanocode/commands`, and `.claude/`'s).

import { homedir } from "node:os";
import { join } from "node:path";
import { extensionDirs } from "../config/extension-dirs.ts";
import { type IgnoredSetting, isRepositoryFile, withoutRepositoryConfig } from "../config/repository-config.ts";
import type { LoadedSettings } from "../config/settings.ts";
import { listedAsTrusted, realFolder, storedFolders, trustFolder } from "../config/trusted-folders.ts";
import { MEMORY_NAMES, MemoryReader } from "../context/memory.ts";
import type { SkillCatalog } from "../skills/catalog.ts";
import { displayPath, isInside } from "../fs/paths.ts";
import { realPath } from "../permissions/paths.ts";
import { secretReason } from "../permissions/secret-paths.ts";
import { configuredServers } from "../mcp/config.ts";
import { MODULE_FILES } from "../registry/user-modules.ts";

/** `trusted`: whether the repository's configuration applies; `loaded`: the settings this run uses. */
export type Trust = { trusted: boolean; loaded: LoadedSettings; problems: string[] };

export type TrustChoice = {
  /** --trust. */
  flag?: boolean;
  strictMcpConfig?: boolean;
  /** Asks the user (the REPL); true trusts the folder from now on. Without it (print mode) an untrusted folder's configuration is left out, in one line. */
  confirm?: (folder: string, ignored: IgnoredSetting[]) => Promise<boolean>;
  /** The allowed-tools of the project's skills and commands (see repositoryGrants). */
  grants?: IgnoredSetting[];
};

/** The project's skills and commands that grant tools when typed: only a trusted folder's do. */
export function repositoryGrants(catalog: SkillCatalog): IgnoredSetting[] {
  return catalog
    .list()
    .filter((item) => item.repository && item.frontmatter["allowed-tools"]?.length)
    .map((item) => ({ source: item.source, key: "allowed-tools", detail: `/${item.name} would run ${item.frontmatter["allowed-tools"]!.join(", ")} without asking` }));
}

/**
 * Whether the user trusts `cwd`: it is their home folder (whose configuration files are their own),
 * they answered so earlier, or `trustedFolders` in their own settings files or --settings lists it.
 */
function trustedByUser(cwd: string, loaded: LoadedSettings, problems: string[]): boolean {
  if (realFolder(cwd) === realFolder(homedir())) return true;
  const listed = loaded.files.filter((file) => !isRepositoryFile(file)).flatMap((file) => file.settings.trustedFolders ?? []);
  return listedAsTrusted([...storedFolders(problems), ...listed], cwd);
}

/** The settings a run in `cwd` uses, by its trust decision: the whole of them, or without what the repository may not do. */
export function asTrusted(loaded: LoadedSettings, trusted: boolean, cwd: string): LoadedSettings {
  return trusted ? loaded : withoutRepositoryConfig(loaded, cwd).loaded;
}

/**
 * The trust decision of a run in `cwd`. A folder whose configuration would do nothing a stranger
 * could abuse needs none (and nothing is read to decide it); else --trust, the user's own sources,
 * or `confirm` trust it; without them its repository configuration is left out, in one line.
 */
export async function decideTrust(cwd: string, all: LoadedSettings, choice: TrustChoice): Promise<Trust> {
  const problems: string[] = [];
  if (choice.flag) return { trusted: true, loaded: all, problems };
  const { loaded, ignored } = withoutRepositoryConfig(all, cwd);
  ignored.push(...repositoryServers(cwd, all, choice.strictMcpConfig === true), ...repositoryModules(cwd), ...repositoryImports(cwd), ...(choice.grants ?? []));
  if (ignored.length === 0 || trustedByUser(cwd, all, problems)) return { trusted: true, loaded: all, problems };
  if (choice.confirm && (await choice.confirm(cwd, ignored))) {
    await trustFolder(cwd).catch((error: Error) => problems.push(`${error.message}; the folder is trusted for this session only`));
    return { trusted: true, loaded: all, problems };
  }
  const unreported = ignored.filter((item) => !item.reported);
  if (unreported.length > 0) problems.push(ignoredLine(unreported));
  return { trusted: false, loaded, problems };
}

/** The one line print mode (or a REPL user who said no) gets: what was left out, file by file. */
function ignoredLine(ignored: IgnoredSetting[]): string {
  const bySource = Map.groupBy(ignored, (item) => item.source);
  const parts = [...bySource].map(([source, items]) => `${source} (${items.map((item) => item.key).join(", ")})`);
  return `this folder is not trusted, so its repository configuration was ignored: ${parts.join("; ")}; pass --trust, or trust the folder when the REPL asks, to use it`;
}

/** `.mcp.json` servers that would start, or be asked about, if the folder were trusted (all but those the user disabled). */
function repositoryServers(cwd: string, all: LoadedSettings, strict: boolean): IgnoredSetting[] {
  const { servers } = configuredServers({ settings: all.settings, flags: [], strict, cwd, trusted: true, startPending: true });
  return servers
    .filter((server) => server.scope === "project")
    .map(({ name, config, origin }) => ({ source: displayPath(cwd, origin), key: `mcpServers.${name}`, detail: config.type === "stdio" ? [config.command, ...config.args].join(" ") : config.url }));
}

/** The project's tool and command modules, which nanocode would import (run) at start-up. */
function repositoryModules(cwd: string): IgnoredSetting[] {
  const dirs = [...extensionDirs("tools", cwd), ...extensionDirs("commands", cwd)].filter((d) => d.scope === "project");
  return dirs.flatMap(({ dir }) => {
    let files: string[] = [];
    try {
      files = [...new Bun.Glob(MODULE_FILES).scanSync(dir)].sort();
    } catch {
      // A folder that cannot be listed is not imported either.
    }
    return files.map((file) => ({ source: displayPath(cwd, dir), key: file, detail: `code nanocode would run: ${displayPath(cwd, join(dir, file))}` }));
  });
}

/** The @imports of the project's memory files that reach outside it or a secret: followed only once the folder is trusted. */
function repositoryImports(cwd: string): IgnoredSetting[] {
  const refused: IgnoredSetting[] = [];
  const problem = repositoryImportReason(cwd);
  const reader = new MemoryReader(homedir(), () => true, (path, from) => {
    const why = problem(path, from);
    if (why) refused.push({ source: displayPath(cwd, from), key: `@${displayPath(cwd, path)}`, detail: why, reported: true });
    return why && untrusted(why);
  });
  for (const name of MEMORY_NAMES) reader.read(join(cwd, name), "");
  return refused;
}

/**
 * Why a memory file of the repository in `cwd` (CLAUDE.md, AGENTS.md, rules: anything inside it)
 * may not @import `path` while the folder is untrusted: the file lies outside the project, or is a
 * place of secrets. The repository's own text would otherwise pull `@~/.ssh/id_rsa` into the
 * prompt. The user's memory files (home, folders above the project) import what they like.
 */
function repositoryImportReason(cwd: string): (path: string, from: string) => string | undefined {
  const project = realPath(cwd);
  return (path, from) => {
    if (!isInside(project, realPath(from))) return undefined;
    const real = realPath(path);
    const secret = secretReason(real);
    return !isInside(project, real) ? "it lies outside the project" : secret ? `it is a place of secrets (${secret})` : undefined;
  };
}

const untrusted = (why: string) => `${why}, and this folder is not trusted (pass --trust, or list it in trustedFolders of your own settings, to follow it)`;

/** The memory loader's check in an untrusted folder: the repository's memory files @import nothing from outside it, and no secret. */
export function untrustedImportProblem(cwd: string): (path: string, from: string) => string | undefined {
  const reason = repositoryImportReason(cwd);
  return (path, from) => {
    const why = reason(path, from);
    return why && untrusted(why);
  };
}
