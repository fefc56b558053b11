import bundled from "builtin:skills";
import { existsSync, readdirSync } from "node:fs";
import { homedir } from "node:os";
import { basename, dirname, join, relative } from "node:path";
import { type ExtensionDir, extensionDirs } from "../config/extension-dirs.ts";
import { hasFrontmatter } from "../config/frontmatter.ts";
import { configDir } from "../config/paths.ts";
import { loadYaml } from "../config/yaml.ts";
import { atomicWrite } from "../fs/atomic-write.ts";
import { isDirectory, isPresent, listOrReport, readOrReport } from "../fs/fs-error.ts";
import { markdownAt } from "../fs/markdown-tree.ts";
import type { Plugin } from "../plugins/manifest.ts";
import { showPath } from "../registry/load.ts";
import { type Frontmatter, parseDocument } from "./frontmatter.ts";

/** A skill (skills/<name>/SKILL.md) or a Markdown command (commands/<name>.md): a prompt template. */
export type PromptCommand = {
  name: string;
  description: string;
  kind: "skill" | "command";
  /** "bundled", or the file as shown to the user. */
  source: string;
  frontmatter: Frontmatter;
  body: string;
  /** The skill's folder: supporting files are read relative to it. Bundled skills get one on first use. */
  dir?: string;
  /** What its `paths:` globs are relative to: the project folder holding its skills folder (cwd for the user's own). */
  root: string;
  /** It came with the project (its .claude/ or .nanocode/): its allowed-tools grant nothing until the folder is trusted. */
  repository?: boolean;
  files?: Record<string, string>;
  /** The plugin it came with: its name is `<plugin>:<name>`. */
  plugin?: string;
};

/** Claude Code's cap on one description in the listing; a longer one is cut there. */
const MAX_DESCRIPTION = 1536;
/** The listing's share of the context window, as in Claude Code: past it, names only. */
const LISTING_SHARE = 0.01;

function describe(frontmatter: Frontmatter, body: string): string {
  const text = frontmatter.description ?? body.split("\n").find((line) => line.trim())?.replace(/^#+\s*/, "") ?? "";
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > MAX_DESCRIPTION ? `${line.slice(0, MAX_DESCRIPTION - 1)}…` : line;
}

/**
 * How many characters the listing's descriptions may take: 1% of the context window (tokens of 4
 * characters), or SLASH_COMMAND_TOOL_CHAR_BUDGET when set, as in Claude Code.
 */
export function listingBudget(contextWindow: number, env: Record<string, string | undefined> = process.env): number {
  const set = Number(env.SLASH_COMMAND_TOOL_CHAR_BUDGET);
  return Number.isInteger(set) && set > 0 ? set : contextWindow * LISTING_SHARE * 4;
}

/** The skills and Markdown commands of a session, by name; the first definition of a name wins. */
export class SkillCatalog {
  private readonly byName = new Map<string, PromptCommand>();

  constructor(items: PromptCommand[]) {
    for (const item of items) if (!this.byName.has(item.name)) this.byName.set(item.name, item);
  }

  /** By its name, or a plugin's by its name without the `<plugin>:` prefix when only one plugin has it, as Claude Code allows. */
  get(name: string): PromptCommand | undefined {
    const exact = this.byName.get(name);
    if (exact || name.includes(":")) return exact;
    const unprefixed = this.list().filter((c) => c.plugin && c.name === `${c.plugin}:${name}`);
    return unprefixed.length === 1 ? unprefixed[0] : undefined;
  }

  /**
   * Adds skills found later (a package's, see loadNestedSkills); one whose name is taken is named
   * by its package's path first, as Claude Code names it (`apps/web:deploy`). Returns those added.
   */
  add(items: PromptCommand[], prefix: string): PromptCommand[] {
    const added = items.map((item) => (this.byName.has(item.name) ? { ...item, name: `${prefix}:${item.name}` } : item)).filter((item) => !this.byName.has(item.name));
    for (const item of added) this.byName.set(item.name, item);
    return added;
  }

  list(): PromptCommand[] {
    return [...this.byName.values()];
  }

  /** What the model may run through the Skill tool: skills first, then commands. */
  forModel(): PromptCommand[] {
    const usable = this.list().filter((c) => !c.frontmatter["disable-model-invocation"]);
    return [...usable.filter((c) => c.kind === "skill"), ...usable.filter((c) => c.kind === "command")];
  }

  /** Skills with `paths:` globs: offered to the model once it touches a matching file (see runtime.ts). */
  pathScoped(): PromptCommand[] {
    return this.forModel().filter((c) => c.frontmatter.paths?.length);
  }

  /**
   * The prompt section naming what the model may run (only names and descriptions until one is
   * used): whole descriptions, in order, while they fit in `budget` characters (see listingBudget),
   * then names only. Skills with `paths:` wait until a matching file is touched, so the prompt stays the same.
   */
  listing(budget: number): string | undefined {
    const usable = this.forModel().filter((c) => !c.frontmatter.paths?.length);
    if (usable.length === 0) return undefined;
    let used = 0;
    const lines = usable.map((c) => {
      const line = `- ${c.name}: ${c.description}`;
      used += line.length + 1;
      return used <= budget ? line : `- ${c.name}`;
    });
    return `# Skills\nWhen a task matches one of these, run it with the Skill tool before doing anything else (the user can also type /<name>):\n${lines.join("\n")}`;
  }

  /** What the user may run as /name. */
  forUser(): PromptCommand[] {
    return this.list().filter((c) => c.frontmatter["user-invocable"] !== false);
  }
}

type Found = { file: string; name: string; kind: "skill" | "command"; dir?: string; root: string; repository: boolean; plugin?: string };
type Where = { cwd: string; home?: string; plugins?: Plugin[] };
type Origin = Pick<Found, "root" | "repository" | "plugin">;

// `paths:` globs of a project's skill are relative to the folder holding its .claude/ (or .nanocode/).
const originOf = (dir: string, scope: "user" | "project", cwd: string): Origin => ({ root: scope === "project" ? dirname(dirname(dir)) : cwd, repository: scope === "project" });

/**
 * The skills in `dir`, `<name>/SKILL.md` one level down as Claude Code finds them (or `dir` itself
 * when a plugin names a single skill's folder), their names after `prefix`.
 */
function skillsIn(dir: string, origin: Origin, problems: string[], prefix = ""): Found[] {
  const skill = (name: string, at: string): Found => ({ file: join(at, "SKILL.md"), name: prefix + name, kind: "skill", dir: at, ...origin });
  if (origin.plugin && isPresent(join(dir, "SKILL.md"))) return [skill(basename(dir), dir)];
  // Whatever is at <name>/SKILL.md is read or reported (a link into a loop, a FIFO), each alone.
  const names = listOrReport(dir, () => readdirSync(dir), problems, "its skills are skipped").sort();
  return names.filter((name) => !name.startsWith(".") && isPresent(join(dir, name, "SKILL.md"))).map((name) => skill(name, join(dir, name)));
}

/** The Markdown commands under `dir` (or `dir` itself, one file): subfolders namespace them (commands/frontend/component.md is /frontend:component). */
function commandsIn(dir: string, origin: Origin, problems: string[], prefix = ""): Found[] {
  return listOrReport(dir, () => markdownAt(dir), problems, "its commands are skipped").map(({ path, relative }) => ({ file: path, name: prefix + relative.slice(0, -3).replaceAll("/", ":"), kind: "command", ...origin }));
}

function findSkills(dirs: ExtensionDir[], cwd: string, problems: string[]): Found[] {
  return dirs.flatMap(({ dir, scope }) => skillsIn(dir, originOf(dir, scope, cwd), problems));
}

/** The user's and the project's skills, then the plugins'; then the commands in the same order. */
function findFiles(options: Where, problems: string[]): Found[] {
  const plugins = options.plugins ?? [];
  const pluginOrigin = (plugin: Plugin): Origin => ({ root: options.cwd, repository: false, plugin: plugin.name });
  return [
    ...findSkills(extensionDirs("skills", options.cwd, options.home), options.cwd, problems),
    ...plugins.flatMap((p) => p.folders.skills.flatMap((dir) => skillsIn(dir, pluginOrigin(p), problems, `${p.name}:`))),
    ...extensionDirs("commands", options.cwd, options.home).flatMap(({ dir, scope }) => commandsIn(dir, originOf(dir, scope, options.cwd), problems)),
    ...plugins.flatMap((p) => p.folders.commands.flatMap((dir) => commandsIn(dir, pluginOrigin(p), problems, `${p.name}:`))),
  ];
}

/**
 * Finds every skill and Markdown command: the user's and the project's folders (see
 * extensionDirs), then the plugins', skills before commands of the same name, the bundled skills
 * last. Only names and descriptions matter until one is used, but the files are small, so each is read once here.
 */
export async function loadCatalog(options: Where): Promise<{ catalog: SkillCatalog; problems: string[] }> {
  const problems: string[] = [];
  const items = await readItems(findFiles(options, problems), options, problems);
  for (const skill of bundled) {
    items.push({ name: skill.name, description: describe(skill.frontmatter, skill.body), kind: "skill", source: "bundled", frontmatter: skill.frontmatter, body: skill.body, files: skill.files, root: options.cwd });
  }
  return { catalog: new SkillCatalog(items), problems };
}

/** Reads and parses what was found; a file that cannot be read or a bad field is one line in `problems`. */
async function readItems(files: Found[], where: Where, problems: string[]): Promise<PromptCommand[]> {
  const found: Array<Found & { text: string }> = [];
  for (const f of files) {
    const text = readOrReport(f.file, problems, "skipped");
    if (text !== undefined) found.push({ ...f, text });
  }
  const yaml = found.some((f) => hasFrontmatter(f.text)) ? await loadYaml() : undefined;
  return found.map((f) => {
    const shown = showPath(f.file, { cwd: where.cwd, home: where.home ?? homedir() });
    const { frontmatter, body, problems: own } = parseDocument(f.text, yaml);
    problems.push(...own.map((p) => `${shown}: ${p}`));
    return { name: f.name, description: describe(frontmatter, body), kind: f.kind, source: shown, frontmatter, body, dir: f.dir, root: f.root, ...(f.repository ? { repository: true } : {}), ...(f.plugin ? { plugin: f.plugin } : {}) };
  });
}

/**
 * The skills of `folder` (below the working directory), found as Claude Code finds a monorepo
 * package's skills once a file there is touched: `.nanocode/skills/` and `.claude/skills/`.
 */
export async function loadNestedSkills(folder: string, where: Where): Promise<{ items: PromptCommand[]; problems: string[] }> {
  const problems: string[] = [];
  const dirs = [".nanocode", ".claude"].map((base) => ({ dir: join(folder, base, "skills"), scope: "project" as const })).filter(({ dir }) => isDirectory(dir));
  return { items: await readItems(findSkills(dirs, where.cwd, problems), where, problems), problems };
}

/**
 * The folder of a skill on disk. A bundled skill lives inside the binary, so its files are written
 * out on first use (under the config dir, keyed by their content) for Read and scripts to reach.
 */
export async function skillDir(item: PromptCommand): Promise<string | undefined> {
  if (item.dir || !item.files) return item.dir;
  const key = Bun.hash(JSON.stringify(item.files)).toString(36);
  const dir = join(configDir(), "bundled-skills", `${item.name}-${key}`);
  for (const [file, text] of Object.entries(item.files)) {
    const path = join(dir, file);
    if (!relative(dir, path).startsWith("..") && !existsSync(path)) await atomicWrite(path, text);
  }
  item.dir = dir;
  return dir;
}
