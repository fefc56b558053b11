import { readdirSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import * as v from "valibot";
import { extensionDirs } from "../config/extension-dirs.ts";
import { hasFrontmatter, parseDocument } from "../config/frontmatter.ts";
import { loadYaml } from "../config/yaml.ts";
import { listOrReport, readOrReport } from "../fs/fs-error.ts";
import type { Plugin } from "../plugins/manifest.ts";

// Output styles, as Claude Code has them: Markdown files in `output-styles/` (the user's and the
// project's, one level, the file name being the style's name unless its frontmatter gives one);
// the `outputStyle` setting picks one. Its text goes at the end of the static prompt, which then
// leaves out the guidance on terse output and, unless the style keeps them, the coding instructions.

const Frontmatter = v.object({
  name: v.optional(v.string("must be a string")),
  description: v.optional(v.string("must be a string")),
  "keep-coding-instructions": v.optional(v.boolean("must be true or false")),
});

export type OutputStyle = { name: string; description?: string; keepCodingInstructions: boolean; prompt: string; source: string };

/** Styles every session has besides "default" (Claude Code ships these names; the texts are our own). */
const BUILTIN: OutputStyle[] = [
  {
    name: "Explanatory",
    description: "Explains the choices made and the codebase's patterns while doing the work",
    keepCodingInstructions: true,
    source: "built-in",
    prompt: "While you work, teach: before and after a meaningful step, add a short \"Insight\" (two or three points) on why this approach fits this codebase, what pattern it follows, or what trade-off it makes. Keep insights about this code, not general programming.",
  },
  {
    name: "Learning",
    description: "Works with the user on the task, leaving small meaningful parts for them to write",
    keepCodingInstructions: true,
    source: "built-in",
    prompt: "Work with the user as a mentor would. Explain your reasoning in short \"Insight\" notes, and where a piece of the change is small but instructive (a condition, a loop body, a test case), leave it for the user: mark the spot with a TODO(human) comment, say what it must do, and wait for them before going on.",
  },
  {
    name: "Proactive",
    description: "Acts at once on reasonable assumptions instead of stopping to ask about routine choices",
    keepCodingInstructions: true,
    source: "built-in",
    prompt: "Act rather than plan aloud: when a routine decision has a reasonable default, take it, say in one line what you assumed, and carry on to the end of the task. Stop to ask only when a choice is costly to undo or the request is truly ambiguous.",
  },
];

/**
 * The user's styles and the project's (closest folder first, `.nanocode/` before `.claude/`), the
 * project's winning, then the plugins' (named `<plugin>:<style>`).
 */
export async function loadOutputStyles(cwd: string, home = homedir(), plugins: Plugin[] = []): Promise<{ styles: OutputStyle[]; problems: string[] }> {
  const problems: string[] = [];
  const dirs = extensionDirs("output-styles", cwd, home);
  const pluginDirs = plugins.flatMap((p) => p.folders.outputStyles.map((dir) => ({ dir, prefix: `${p.name}:` })));
  const ordered = [...dirs.filter((d) => d.scope === "project"), ...dirs.filter((d) => d.scope === "user"), ...pluginDirs];
  const files = ordered.flatMap(({ dir, ...at }) =>
    listOrReport(dir, () => readdirSync(dir), problems, "its output styles are skipped")
      .filter((name) => name.endsWith(".md") && !name.startsWith("."))
      .sort()
      .flatMap((name) => {
        const text = readOrReport(join(dir, name), problems, "this output style is skipped");
        return text === undefined ? [] : [{ path: join(dir, name), file: name.slice(0, -3), text, prefix: "prefix" in at ? at.prefix : "" }];
      }),
  );
  const yaml = files.some((f) => hasFrontmatter(f.text)) ? await loadYaml() : undefined;
  const styles = files.map(({ path, file, text, prefix }) => {
    const { frontmatter, body, problems: own } = parseDocument(text, Frontmatter, yaml);
    problems.push(...own.map((p) => `${path}: ${p}`));
    return { name: prefix + (frontmatter.name ?? file), description: frontmatter.description, keepCodingInstructions: frontmatter["keep-coding-instructions"] === true, prompt: body.trim(), source: path };
  });
  return { styles: [...styles, ...BUILTIN], problems };
}

/** The session's style: none, unless `outputStyle` names one (the folders are read only then). */
export async function sessionOutputStyle(name: string | undefined, cwd: string, plugins: Plugin[] = []): Promise<{ style?: OutputStyle; problems: string[] }> {
  if (name === undefined || name.toLowerCase() === "default") return { problems: [] };
  const { styles, problems } = await loadOutputStyles(cwd, undefined, plugins);
  const { style, problem } = chooseOutputStyle(name, styles);
  return { style, problems: problem ? [...problems, problem] : problems };
}

/**
 * The style `outputStyle` names (its case does not matter, as in Claude Code's picker), or none for
 * "default" or no setting. A name no style has is one line, and the default is used.
 */
export function chooseOutputStyle(name: string | undefined, styles: OutputStyle[]): { style?: OutputStyle; problem?: string } {
  if (name === undefined || name.toLowerCase() === "default") return {};
  const style = styles.find((s) => s.name.toLowerCase() === name.toLowerCase());
  if (style) return { style };
  return { problem: `outputStyle: "${name}" names no output style (there are: default, ${styles.map((s) => s.name).join(", ")}); the default is used` };
}
