// The LSP tool's operations against the real servers, on a small TypeScript and a small Python project.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { LspManager } from "../../src/lsp/manager.ts";
import type { LspQuery } from "../../src/lsp/query.ts";
import { lspProject, PY_FILES, SERVERS_PATH, TS_FILES } from "../support/lsp-project.ts";

const signal = new AbortController().signal;
const path = process.env.PATH;
beforeAll(() => {
  process.env.PATH = SERVERS_PATH;
});
afterAll(() => {
  process.env.PATH = path;
});

/** A query at the first `word` on `line` (1-based) of `file`. */
function at(dir: string, files: Record<string, string>, file: string, line: number, word: string, operation: LspQuery["operation"], query?: string): LspQuery {
  const character = files[file]!.split("\n")[line - 1]!.indexOf(word) + 1;
  if (character === 0) throw new Error(`${word} is not on line ${line} of ${file}`);
  return { operation, filePath: join(dir, file), line, character, query };
}

/** A project of `files` with its language server, started before a describe block's tests and stopped after. */
function served(files: Record<string, string>) {
  const dir = lspProject(files);
  let lsp: LspManager;
  beforeAll(() => {
    lsp = LspManager.forProject([], dir)!;
  });
  afterAll(() => lsp.close());
  const ask = (file: string, line: number, word: string, operation: LspQuery["operation"], query?: string) => lsp.query(at(dir, files, file, line, word, operation, query), signal);
  return { dir, ask, manager: () => lsp };
}

describe("typescript-language-server", () => {
  const { dir, ask, manager } = served(TS_FILES);

  test("go to definition, from a call to the method's declaration in another file", async () => {
    expect(await ask("src/main.ts", 4, "area", "goToDefinition")).toBe("src/shapes.ts:7:3: area(): number {");
  }, 60_000);

  test("references list every use with its line, the declaration included", async () => {
    expect(await ask("src/main.ts", 3, "total", "findReferences")).toBe(["src/main.ts:3:17: export function total(sides: number[]): number {", "src/main.ts:7:22: export const twice = total([1, 2]) + total([3]);", "src/main.ts:7:38: export const twice = total([1, 2]) + total([3]);"].join("\n"));
  }, 60_000);

  test("hover gives the type; implementation finds the class behind an interface", async () => {
    expect(await ask("src/main.ts", 3, "total", "hover")).toContain("function total(sides: number[]): number");
    expect(await ask("src/shapes.ts", 1, "Shape", "goToImplementation")).toBe("src/shapes.ts:5:14: export class Square implements Shape {");
  }, 60_000);

  test("document symbols are an outline; workspace symbols are found by name", async () => {
    const outline = await ask("src/shapes.ts", 1, "Shape", "documentSymbol");
    expect(outline).toContain("Shape (Interface) line 1");
    expect(outline).toContain("Square (Class) line 5");
    expect(outline).toContain("  area (Method) line 7");
    expect(await ask("src/shapes.ts", 1, "Shape", "workspaceSymbol", "Square")).toContain("Square (Class) src/shapes.ts:5:");
  }, 60_000);

  test("call hierarchy: the function at the position, what it calls, who calls it", async () => {
    expect(await ask("src/main.ts", 3, "total", "prepareCallHierarchy")).toBe("total (Function) src/main.ts:3:17");
    const outgoing = await ask("src/main.ts", 3, "total", "outgoingCalls");
    expect(outgoing).toContain("area (Method, Square) src/shapes.ts:7:3");
    expect(outgoing).toContain("Square (Class) src/shapes.ts:5:14");
    expect(await ask("src/shapes.ts", 7, "area", "incomingCalls")).toContain("total (Function) src/main.ts:3:17");
  }, 60_000);

  test("a position on nothing says so in one line", async () => {
    expect(await manager().query({ operation: "goToDefinition", filePath: join(dir, "src/main.ts"), line: 2, character: 1 }, signal)).toBe("No definition found at 2:1.");
  }, 60_000);

  test("a file no server takes is one line naming the extensions served", async () => {
    expect(await manager().query({ operation: "hover", filePath: join(dir, "README.md"), line: 1, character: 1 }, signal)).toStartWith("No language server is available for .md files (servers here take: .ts .tsx");
  });
});

describe("pyright", () => {
  const { ask } = served(PY_FILES);

  test("definition and references across files", async () => {
    expect(await ask("main.py", 5, "Square", "goToDefinition")).toBe("shapes.py:1:7: class Square:");
    expect(await ask("main.py", 5, "Square", "findReferences")).toBe(["main.py:1:20: from shapes import Square, unit", "main.py:5:16: return sum(Square(s).area() for s in sides) + unit - 1", "shapes.py:1:7: class Square:"].join("\n"));
  }, 60_000);

  test("hover, symbols, callers", async () => {
    expect(await ask("main.py", 4, "total", "hover")).toContain("def total(sides: list[int]) -> int");
    expect(await ask("main.py", 4, "total", "documentSymbol")).toBe("total (Function) line 4\n  sides (Variable) line 4\ntwice (Variable) line 8");
    expect(await ask("main.py", 4, "total", "workspaceSymbol", "Square")).toContain("Square (Class) shapes.py:1:7");
    expect(await ask("shapes.py", 5, "area", "incomingCalls")).toContain("total (Function, (main.py)) main.py:4:5");
  }, 60_000);

  test("an operation the server does not offer is one line, not an error", async () => {
    expect(await ask("main.py", 5, "Square", "goToImplementation")).toBe('The language server "pyright" does not support goToImplementation.');
  }, 60_000);
});

test("deny rules bind the answers: places in a hidden file are left out, and a hidden file cannot be asked about", async () => {
  process.env.PATH = SERVERS_PATH;
  const dir = lspProject(TS_FILES);
  const lsp = LspManager.forProject([], dir)!;
  try {
    const hidden = (p: string) => !p.endsWith("shapes.ts");
    const refs = await lsp.query(at(dir, TS_FILES, "src/main.ts", 1, "Square", "findReferences"), signal, hidden);
    expect(refs).toBe("src/main.ts:1:10: import { Square, unit } from \"./shapes\";\nsrc/main.ts:4:31: return sides.map((s) => new Square(s).area()).reduce((a, b) => a + b, unit - 1);");
    expect(await lsp.query(at(dir, TS_FILES, "src/main.ts", 4, "area", "goToDefinition"), signal, hidden)).toBe("No definition found at 4:41.");
  } finally {
    await lsp.close();
    process.env.PATH = path;
  }
}, 60_000);
