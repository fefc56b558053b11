// Every case runs through both engines (ripgrep and the built-in one): the texts must be identical.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { type Engine, grep } from "../../src/search/grep.ts";
import type { GrepQuery } from "../../src/search/query.ts";
import grepTool from "../../tools/grep.ts";
import { call, toolContext } from "../tools/context.ts";
import { tempDir } from "../support/tmp.ts";

let root: string;
const rg = Bun.which("rg");

const FILES: Record<string, string | Uint8Array> = {
  ".gitignore": "*.log\nbuild/\n!keep.log\n",
  "README.md": "# Demo\n\nTODO: write docs\n",
  "app.log": "TODO in a log\n",
  "keep.log": "TODO kept log\n",
  "build/out.js": "TODO built\n",
  "src/a.js": "export const a = 1; // TODO: rename\nexport function add(x, y) {\n  return x + y;\n}\n",
  "src/b.ts": "export const b: number = 2;\n// todo lower-case\n",
  "src/lib/c.js": "const c = 3;\n// TODO: remove\n// TODO: and this\nmodule.exports = c;\n",
  "src/lib/.ignore": "secret.js\n",
  "src/lib/secret.js": "TODO hidden by .ignore\n",
  "src/lib-x.js": "TODO sorts after src/lib/\n",
  "src/crlf.txt": "one TODO\r\ntwo\r\nthree TODO\r\n",
  ".hidden/h.ts": "TODO in a hidden folder\n",
  "data.bin": new Uint8Array([84, 79, 68, 79, 0, 1, 2]),
  "long.txt": `TODO ${"x".repeat(600)}\nshort TODO\n`,
  "multi.txt": "function f(\n  a,\n) {}\nfunction g() {}\n",
  "deep/x/y/z.py": "# TODO python\nprint('TODO')\n",
  "ctx.txt": "1\n2\nTODO 3\n4\n5\n6\n7\nTODO 8\n9\n",
};

beforeAll(() => {
  root = tempDir("nanocode-grep-");
  mkdirSync(join(root, ".git"));
  const start = Date.now() / 1000 - 1000;
  Object.entries(FILES).forEach(([path, content], i) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
    utimesSync(join(root, path), start + i, start + i);
  });
  writeFileSync(join(root, ".git", "x.txt"), "TODO inside .git\n");
  symlinkSync(join(root, "README.md"), join(root, "link.md"));
});

const base = (over: Partial<GrepQuery>): GrepQuery => ({
  root,
  cwd: root,
  pattern: "TODO",
  mode: "content",
  ignoreCase: false,
  multiline: false,
  onlyMatching: false,
  before: 0,
  after: 0,
  globs: [],
  ...over,
});

const CASES: [string, Partial<GrepQuery>, { offset?: number; limit?: number; numbered?: boolean }?][] = [
  ["files_with_matches", { mode: "files_with_matches" }],
  ["content", {}],
  ["count", { mode: "count" }],
  ["case-insensitive", { ignoreCase: true, mode: "files_with_matches" }],
  ["glob", { globs: ["*.js"] }],
  ["negated glob", { globs: ["!*.js"], mode: "files_with_matches" }],
  ["brace glob", { globs: ["*.{ts,py}"], ignoreCase: true }],
  ["path glob", { globs: ["src/**/*.js"] }],
  ["type", { type: "py" }],
  ["context", { before: 1, after: 1 }],
  ["after context only", { after: 2, globs: ["ctx.txt"] }],
  ["no line numbers", {}, { numbered: false }],
  ["only matching", { pattern: "TODO:? \\w+", onlyMatching: true }],
  ["regex", { pattern: "export (const|function) \\w+" }],
  ["multiline", { pattern: "f\\(.*?\\)", multiline: true }],
  ["multiline count", { pattern: "function \\w+\\(", multiline: true, mode: "count" }],
  ["anchors", { pattern: "^// TODO" }],
  ["subfolder", { root: "", pattern: "TODO", mode: "files_with_matches" }],
  ["one file", { root: "src/lib/c.js" }],
  ["pagination", {}, { offset: 2, limit: 3 }],
  ["no match", { pattern: "NOPE_NOT_THERE" }],
  ["no match files", { pattern: "NOPE_NOT_THERE", mode: "files_with_matches" }],
];

async function run(engine: Engine, over: Partial<GrepQuery>, page: { offset?: number; limit?: number; numbered?: boolean } = {}) {
  const query = base(over);
  if (over.root !== undefined) query.root = over.root === "" ? join(root, "src") : join(root, over.root);
  return grep(query, { offset: page.offset ?? 0, limit: page.limit, numbered: page.numbered ?? true }, undefined, engine === "ripgrep" ? { engine, rg: rg! } : { engine });
}

describe.skipIf(!rg)("ripgrep and the built-in engine agree", () => {
  for (const [name, over, page] of CASES) {
    test(name, async () => {
      expect(await run("builtin", over, page)).toBe(await run("ripgrep", over, page));
    });
  }
});

describe("the built-in engine", () => {
  test("honours .gitignore (with !), .ignore, hidden folders, binaries, symlinks and .git; newest first", async () => {
    expect(await run("builtin", { mode: "files_with_matches" })).toBe(
      ["Found 10 files", "ctx.txt", "deep/x/y/z.py", "long.txt", ".hidden/h.ts", "src/crlf.txt", "src/lib-x.js", "src/lib/c.js", "src/a.js", "keep.log", "README.md"].join("\n"),
    );
  });

  test("content lines: path:line:text in path order, long lines omitted, CR stripped, -- between groups", async () => {
    expect(await run("builtin", { globs: ["long.txt", "src/crlf.txt"] })).toBe(
      ["long.txt:1:[Omitted long matching line]", "long.txt:2:short TODO", "src/crlf.txt:1:one TODO", "src/crlf.txt:3:three TODO"].join("\n"),
    );
    // A glob names a file an ignore file hides: the glob wins, as in ripgrep.
    expect(await run("builtin", { globs: ["secret.js"] })).toBe("src/lib/secret.js:1:TODO hidden by .ignore");
    expect(await run("builtin", { globs: ["ctx.txt"], before: 1, after: 1 })).toBe(["ctx.txt-2-2", "ctx.txt:3:TODO 3", "ctx.txt-4-4", "--", "ctx.txt-7-7", "ctx.txt:8:TODO 8", "ctx.txt-9-9"].join("\n"));
  });

  test("count and pagination notes", async () => {
    expect(await run("builtin", { mode: "count", globs: ["src/**"] })).toBe(
      ["src/a.js:1", "src/crlf.txt:2", "src/lib/c.js:2", "src/lib/secret.js:1", "src/lib-x.js:1", "", "Found 7 total occurrences across 5 files."].join("\n"),
    );
    expect(await run("builtin", { globs: ["ctx.txt"] }, { limit: 1 })).toBe("ctx.txt:3:TODO 3\n\n[Showing results with pagination = limit: 1, offset: 0]");
  });

  test("a bad regex and an unknown type are clear errors", async () => {
    expect(run("builtin", { pattern: "(unclosed" })).rejects.toThrow("regex parse error");
    expect(run("builtin", { type: "nosuchtype" })).rejects.toThrow("unrecognized file type: nosuchtype");
  });
});

describe("the Grep tool", () => {
  test("defaults to files_with_matches, head_limit 250, paths relative to the working directory", async () => {
    const ctx = toolContext(join(root, "src"));
    expect((await call(grepTool, { pattern: "TODO", path: join(root, "deep") }, ctx)).text).toBe(`Found 1 file\n${join(root, "deep/x/y/z.py")}`);
    expect((await call(grepTool, { pattern: "remove", output_mode: "content", "-C": 1 }, ctx)).text).toBe("lib/c.js-1-const c = 3;\nlib/c.js:2:// TODO: remove\nlib/c.js-3-// TODO: and this");
    expect(await call(grepTool, { pattern: "x", path: "nowhere" }, ctx)).toMatchObject({ isError: true, text: expect.stringContaining("Path does not exist") });
    // Files the permission rules hide (ctx.canRead) are left out.
    const hidden = { ...ctx, canRead: (path: string) => !path.endsWith("c.js") };
    expect((await call(grepTool, { pattern: "TODO: r" }, hidden)).text).toBe("Found 1 file\na.js");
  });
});

afterAll(() => {});
