import type { BunPlugin } from "bun";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as yamlLibrary from "yaml";
import { quietYaml } from "../config/yaml.ts";
import { parseDocument } from "../skills/frontmatter.ts";

const ROOT = join(import.meta.dir, "..", "..");

/** `builtin:tools` / `builtin:commands`: static imports of every module in the folder. */
function moduleList(folder: string): string {
  const dir = join(ROOT, folder);
  const files = [...new Bun.Glob("*.ts").scanSync(dir)].sort();
  const imports = files.map((file, i) => `import * as m${i} from ${JSON.stringify(join(dir, file))};`);
  const list = files.map((file, i) => `{ file: ${JSON.stringify(`${folder}/${file}`)}, module: m${i} }`);
  return `${imports.join("\n")}\nexport default [${list.join(", ")}];\n`;
}

/**
 * `builtin:skills`: every skills/<name>/ folder with all its files as text and SKILL.md's
 * frontmatter already parsed, so the binary embeds them and never loads `yaml` for its own skills.
 */
function skillList(): string {
  const dir = join(ROOT, "skills");
  const skills = [...new Bun.Glob("*/SKILL.md").scanSync(dir)].sort().map((manifest) => {
    const name = manifest.split("/")[0]!;
    const files: Record<string, string> = {};
    for (const file of [...new Bun.Glob("**/*").scanSync(join(dir, name))].sort()) files[file] = readFileSync(join(dir, name, file), "utf8");
    const document = parseDocument(files["SKILL.md"]!, quietYaml(yamlLibrary));
    if (document.problems.length) throw new Error(`skills/${manifest}: ${document.problems.join("; ")}`);
    return { name, files, frontmatter: document.frontmatter, body: document.body };
  });
  return `export default ${JSON.stringify(skills)};\n`;
}

/**
 * Serves the `builtin:*` virtual modules. A compiled binary cannot list its embedded files, so
 * each list is fixed when the code is bundled; the same plugin runs under `bun run`/`bun test`
 * (bunfig preload) and in scripts/build.ts, so adding a file to tools/, commands/ or skills/ is
 * the only step needed anywhere.
 */
export const builtinPlugin: BunPlugin = {
  name: "nanocode-builtins",
  setup(build) {
    build.onResolve({ filter: /^builtin:(tools|commands|skills)$/ }, (args) => ({ path: args.path.slice("builtin:".length), namespace: "builtin" }));
    build.onLoad({ filter: /.*/, namespace: "builtin" }, (args) => ({ contents: args.path === "skills" ? skillList() : moduleList(args.path), loader: "ts" }));
  },
};
