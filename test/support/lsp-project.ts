// Small TypeScript and Python projects for the language-server tests, and a look at the process
// table for servers left running in them. The servers are the real ones from node_modules.
import { readdirSync, readFileSync, readlinkSync, symlinkSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { put, tempDir } from "./tmp.ts";

const REPO = resolve(import.meta.dir, "../..");
/** typescript-language-server and pyright-langserver, as a user has them on PATH. */
export const SERVERS_PATH = `${join(REPO, "node_modules/.bin")}:${process.env.PATH ?? "/usr/bin:/bin"}`;

export const TS_FILES: Record<string, string> = {
  "tsconfig.json": '{ "compilerOptions": { "strict": true, "target": "es2022", "module": "esnext", "moduleResolution": "bundler", "noEmit": true } }\n',
  "src/shapes.ts": "export interface Shape {\n  area(): number;\n}\n\nexport class Square implements Shape {\n  constructor(readonly side: number) {}\n  area(): number {\n    return this.side * this.side;\n  }\n}\n\nexport const unit: number = 1;\n",
  "src/main.ts": 'import { Square, unit } from "./shapes";\n\nexport function total(sides: number[]): number {\n  return sides.map((s) => new Square(s).area()).reduce((a, b) => a + b, unit - 1);\n}\n\nexport const twice = total([1, 2]) + total([3]);\n',
};

export const PY_FILES: Record<string, string> = {
  "pyproject.toml": '[project]\nname = "demo"\nversion = "0.1.0"\n',
  "shapes.py": "class Square:\n    def __init__(self, side: int) -> None:\n        self.side = side\n\n    def area(self) -> int:\n        return self.side * self.side\n\n\nunit: int = 1\n",
  "main.py": "from shapes import Square, unit\n\n\ndef total(sides: list[int]) -> int:\n    return sum(Square(s).area() for s in sides) + unit - 1\n\n\ntwice = total([1, 2]) + total([3])\n",
};

/** A project with these files; a TypeScript one gets the TypeScript that typescript-language-server needs in its node_modules, as a real project has. */
export function lspProject(files: Record<string, string>): string {
  const dir = tempDir("nanocode-lsp-");
  for (const [path, text] of Object.entries(files)) put(join(dir, path), text);
  if ("tsconfig.json" in files) {
    put(join(dir, "node_modules/.keep"), "");
    symlinkSync(join(REPO, "node_modules/typescript6"), join(dir, "node_modules/typescript"));
  }
  return dir;
}

/** The environment entry that marks the processes of one test: language servers inherit it from nanocode. */
export const tagOf = (dir: string) => ({ NANOCODE_LSP_TEST: basename(dir) });

/** Processes carrying `dir`'s tag (see tagOf) in their environment; a server may change its working folder, not that. */
export function processesIn(dir: string): { pid: number; cmd: string }[] {
  const mark = `NANOCODE_LSP_TEST=${basename(dir)}`;
  const found: { pid: number; cmd: string }[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${name}/environ`, "latin1").split("\0").includes(mark)) found.push({ pid: Number(name), cmd: readlinkSync(`/proc/${name}/exe`) });
    } catch {
      // Gone, or not ours to look at.
    }
  }
  return found;
}
