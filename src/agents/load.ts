import { homedir } from "node:os";
import * as v from "valibot";
import { extensionDirs } from "../config/extension-dirs.ts";
import { hasFrontmatter, parseDocument } from "../config/frontmatter.ts";
import { loadYaml, type Yaml } from "../config/yaml.ts";
import { listOrReport, readOrReport } from "../fs/fs-error.ts";
import { markdownAt } from "../fs/markdown-tree.ts";
import type { Plugin } from "../plugins/manifest.ts";
import { BUILTIN_AGENTS } from "./builtin.ts";
import { AgentFrontmatter, type AgentDefinition, CliAgents } from "./definitions.ts";

export type LoadedAgents = { agents: AgentDefinition[]; problems: string[] };

/**
 * An agent file, or nothing for a Markdown file that is not one: without a `name` in frontmatter
 * (a README or notes kept among the agents of a collection) it is passed over without a word, as
 * Claude Code passes it over. Named but without a description, it is refused as Claude Code refuses it.
 */
function readAgentFile(path: string, text: string, yaml: Yaml | undefined): { agent?: AgentDefinition; problems: string[] } {
  if (!hasFrontmatter(text)) return { problems: [] };
  const { frontmatter, body, problems } = parseDocument(text, AgentFrontmatter, yaml);
  if (frontmatter.name === undefined) return { problems: [] };
  if (frontmatter.description === undefined) {
    const why = problems.length ? problems.join("; ") : 'frontmatter needs "description"';
    return { problems: [`${why}; this agent is skipped`] };
  }
  // Only the schema's fields are in it: the others were left out by parseDocument.
  const fields = frontmatter as v.InferOutput<typeof AgentFrontmatter>;
  return { agent: { ...fields, prompt: body.trim(), source: path }, problems };
}

/** Parses `--agents` JSON: `{"reviewer": {"description": "...", "prompt": "...", "tools": [...]}}`. */
export function parseCliAgents(json: string): AgentDefinition[] {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    throw new Error(`--agents is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = v.safeParse(CliAgents, data);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    throw new Error(`--agents: ${v.getDotPath(issue) ?? "the value"} ${issue.message.startsWith("Invalid") ? `is invalid (${issue.message})` : issue.message}`);
  }
  return Object.entries(parsed.output).map(([name, a]) => ({ name, ...a, source: "--agents" }));
}

/**
 * Every agent type of this session, by precedence (Claude Code's): --agents over the project's
 * folders (closest to cwd first, `.nanocode/` before `.claude/`) over the user's, over the
 * built-ins. Broken files are reported in one line each and skipped.
 */
export async function loadAgents(cwd: string, cli: AgentDefinition[] = [], home = homedir(), plugins: Plugin[] = []): Promise<LoadedAgents> {
  const dirs = extensionDirs("agents", cwd, home);
  // A plugin's agents come last and are named `<plugin>:<agent>`, as Claude Code names them.
  const pluginDirs = plugins.flatMap((p) => p.folders.agents.map((dir) => ({ dir, prefix: `${p.name}:` })));
  const ordered = [...dirs.filter((d) => d.scope === "project"), ...dirs.filter((d) => d.scope === "user"), ...pluginDirs];
  const problems: string[] = [];
  const files = ordered.flatMap((at) =>
    listOrReport(at.dir, () => markdownAt(at.dir), problems, "its agents are skipped").flatMap(({ path }) => {
        const text = readOrReport(path, problems, "this agent is skipped");
        return text === undefined ? [] : [{ path, text, prefix: "prefix" in at ? at.prefix : "" }];
      }),
  );
  // yaml costs ~20 ms to import: only when there is frontmatter to read.
  const yaml = files.some((f) => hasFrontmatter(f.text)) ? await loadYaml() : undefined;
  const found: AgentDefinition[] = [...cli];
  for (const { path, text, prefix } of files) {
    const read = readAgentFile(path, text, yaml);
    problems.push(...read.problems.map((p) => `${path}: ${p}`));
    if (read.agent) found.push({ ...read.agent, name: prefix + read.agent.name });
  }
  const byName = new Map<string, AgentDefinition>();
  for (const agent of [...found, ...BUILTIN_AGENTS]) if (!byName.has(agent.name)) byName.set(agent.name, agent);
  // Listed as the built-in names first (in their order, whoever defines them), then the others by name.
  const builtin = BUILTIN_AGENTS.map((a) => a.name);
  const rank = (name: string) => (builtin.includes(name) ? builtin.indexOf(name) : builtin.length);
  const agents = [...byName.values()].sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
  return { agents, problems };
}
