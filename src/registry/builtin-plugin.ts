import type { BunPlugin } from "bun";
import { join } from "node:path";

const ROOT = join(import.meta.dir, "..", "..");

/**
 * Serves `builtin:tools` and `builtin:commands`: modules that statically import every file in
 * tools/ and commands/. A compiled binary cannot list its embedded files, so the list is fixed when
 * the code is bundled; the same plugin runs under `bun run`/`bun test` (bunfig preload) and in
 * scripts/build.ts, so adding a file to tools/ is the only step needed anywhere.
 */
export const builtinPlugin: BunPlugin = {
  name: "nanocode-builtins",
  setup(build) {
    build.onResolve({ filter: /^builtin:(tools|commands)$/ }, (args) => ({ path: args.path.slice("builtin:".length), namespace: "builtin" }));
    build.onLoad({ filter: /.*/, namespace: "builtin" }, (args) => {
      const dir = join(ROOT, args.path);
      const files = [...new Bun.Glob("*.ts").scanSync(dir)].sort();
      const imports = files.map((file, i) => `import * as m${i} from ${JSON.stringify(join(dir, file))};`);
      const list = files.map((file, i) => `{ file: ${JSON.stringify(`${args.path}/${file}`)}, module: m${i} }`);
      return { contents: `${imports.join("\n")}\nexport default [${list.join(", ")}];\n`, loader: "ts" };
    });
  },
};
