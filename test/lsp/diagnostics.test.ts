import { describe, expect, test } from "bun:test";
import type { Diagnostic } from "vscode-languageserver-protocol";
import { diagnosticLine, formatDiagnostics, splitByAge } from "../../src/lsp/diagnostics.ts";

const at = (line: number, message: string, severity: 1 | 2 | 3 | 4 = 1, code: string | number = 2322): Diagnostic => ({ range: { start: { line, character: 4 }, end: { line, character: 9 } }, message, severity, source: "ts", code });
const A = "file:///p/src/a.ts";
const B = "file:///p/src/b.ts";

describe("the diagnostics block after an edit", () => {
  test("one line per problem: path relative to the project, 1-based line and column, severity, message, source/code", () => {
    expect(diagnosticLine("/p", A, at(2, "Type 'string' is not assignable\n  to type 'number'."))).toBe("src/a.ts:3:5 error Type 'string' is not assignable to type 'number'. (ts/2322)");
    expect(diagnosticLine("/p", A, { ...at(0, "x"), source: undefined, code: undefined })).toBe("src/a.ts:1:5 error x");
    expect(diagnosticLine("/elsewhere", A, at(0, "x"))).toBe("/p/src/a.ts:1:5 error x (ts/2322)");
    expect(diagnosticLine("/p", A, at(0, "m".repeat(400)))).toContain(`${"m".repeat(300)}…`);
  });

  test("nothing to say is no block at all; hints and information are left out", () => {
    expect(formatDiagnostics("/p", [])).toBe("");
    expect(formatDiagnostics("/p", [{ uri: A, now: [] }])).toBe("");
    expect(formatDiagnostics("/p", [{ uri: A, now: [at(1, "unused", 4), at(1, "info", 3)] }])).toBe("");
  });

  test("errors first, then warnings; what was there before the edit is marked, after what the edit brought", () => {
    const before = [at(7, "old error")];
    const now = [at(9, "old error"), at(1, "a warning", 2), at(2, "new error")];
    expect(formatDiagnostics("/p", [{ uri: A, now, before }])).toBe(
      ["<diagnostics>", "src/a.ts:3:5 error new error (ts/2322)", "src/a.ts:2:5 warning a warning (ts/2322)", "Already there before this edit:", "src/a.ts:10:5 error old error (ts/2322)", "</diagnostics>"].join("\n"),
    );
  });

  test("without a known earlier state nothing is marked old; other files come after the edited one", () => {
    const text = formatDiagnostics("/p", [{ uri: A, now: [at(0, "here")] }, { uri: B, now: [at(4, "broken there")] }]);
    expect(text).toBe("<diagnostics>\nsrc/a.ts:1:5 error here (ts/2322)\nsrc/b.ts:5:5 error broken there (ts/2322)\n</diagnostics>");
  });

  test("a long list is cut: 20 errors and 5 warnings at most, with how many more", () => {
    const now = [...Array.from({ length: 30 }, (_, i) => at(i, `e${i}`)), ...Array.from({ length: 8 }, (_, i) => at(i, `w${i}`, 2))];
    const lines = formatDiagnostics("/p", [{ uri: A, now }]).split("\n");
    expect(lines.filter((l) => l.includes(" error "))).toHaveLength(20);
    expect(lines.filter((l) => l.includes(" warning "))).toHaveLength(5);
    expect(lines.at(-2)).toBe("(13 more)");
  });

  test("old and new are told apart by what the problem is, not where: two equal errors are two", () => {
    const { added, kept } = splitByAge([at(3, "dup"), at(5, "dup"), at(6, "other", 1, 7)], [at(1, "dup")]);
    expect(kept.map((d) => d.range.start.line)).toEqual([3]);
    expect(added.map((d) => d.range.start.line)).toEqual([5, 6]);
    expect(splitByAge([at(1, "x")], undefined)).toEqual({ added: [at(1, "x")], kept: [] });
  });
});
