// The LSP tool's operations: one request each (two for calls), answered as `path:line:col` lists
// with the line itself for context, the way Grep's results read.
import { readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { CallHierarchyIncomingCall, CallHierarchyItem, CallHierarchyOutgoingCall, DocumentSymbol, Hover, Location, LocationLink, MarkedString, Range, SymbolInformation, WorkspaceSymbol } from "vscode-languageserver-protocol";
import { displayPath } from "../fs/paths.ts";
import type { LspQuery } from "./query.ts";
import type { LanguageServer } from "./server.ts";

const MAX_RESULTS = 100;
const KINDS = ["", "File", "Module", "Namespace", "Package", "Class", "Method", "Property", "Field", "Constructor", "Enum", "Interface", "Function", "Variable", "Constant", "String", "Number", "Boolean", "Array", "Object", "Key", "Null", "EnumMember", "Struct", "Event", "Operator", "TypeParameter"];

type Ask = <T>(method: string, params: unknown) => Promise<T>;

/** `path`: the file asked about; `canRead`: the session's deny rules, which no answer may get around. */
export async function runQuery(server: LanguageServer, request: LspQuery, { path, cwd, canRead }: { path: string; cwd: string; canRead: (path: string) => boolean }, timeoutMs: number, signal: AbortSignal): Promise<string> {
  const aborted = new Promise<never>((_, reject) => signal.addEventListener("abort", () => reject(new Error("Interrupted")), { once: true }));
  aborted.catch(() => {});
  const ask: Ask = <T>(method: string, params: unknown) => Promise.race([server.request<T>(method, params, timeoutMs), aborted]);
  const textDocument = { uri: pathToFileURL(path).href };
  const position = { line: request.line - 1, character: request.character - 1 };
  const lines = new Lines(cwd, canRead);
  switch (request.operation) {
    case "goToDefinition":
    case "goToImplementation": {
      const method = request.operation === "goToDefinition" ? "textDocument/definition" : "textDocument/implementation";
      const found = await ask<Location | Location[] | LocationLink[] | null>(method, { textDocument, position });
      return lines.locations(found === null ? [] : Array.isArray(found) ? found : [found], `No ${request.operation === "goToDefinition" ? "definition" : "implementation"} found at ${request.line}:${request.character}.`);
    }
    case "findReferences": {
      const found = await ask<Location[] | null>("textDocument/references", { textDocument, position, context: { includeDeclaration: true } });
      return lines.locations(found ?? [], `No references found at ${request.line}:${request.character}.`);
    }
    case "hover": {
      const hover = await ask<Hover | null>("textDocument/hover", { textDocument, position });
      return (hover && hoverText(hover.contents)) || `No hover information at ${request.line}:${request.character}.`;
    }
    case "documentSymbol": {
      const symbols = await ask<DocumentSymbol[] | SymbolInformation[] | null>("textDocument/documentSymbol", { textDocument });
      if (!symbols?.length) return `No symbols in ${displayPath(cwd, path)}.`;
      return cap(symbols.flatMap((s) => ("location" in s ? [lines.symbol(s.name, s.kind, s.location.uri, s.location.range)] : outline(s, 0))));
    }
    case "workspaceSymbol": {
      const symbols = await ask<SymbolInformation[] | WorkspaceSymbol[] | null>("workspace/symbol", { query: request.query ?? "" });
      if (!symbols?.length) return `No symbols match "${request.query ?? ""}".`;
      return cap(lines.visible<SymbolInformation | WorkspaceSymbol>(symbols, (s) => s.location.uri).map((s) => lines.symbol(s.name, s.kind, s.location.uri, "range" in s.location ? s.location.range : undefined, s.containerName)));
    }
    default: {
      const items = await ask<CallHierarchyItem[] | null>("textDocument/prepareCallHierarchy", { textDocument, position });
      if (!items?.length) return `No function or method at ${request.line}:${request.character}.`;
      if (request.operation === "prepareCallHierarchy") return cap(lines.visible(items, (i) => i.uri).map((i) => lines.symbol(i.name, i.kind, i.uri, i.selectionRange, i.detail)));
      const incoming = request.operation === "incomingCalls";
      const calls = (await Promise.all(items.map((item) => ask<(CallHierarchyIncomingCall | CallHierarchyOutgoingCall)[] | null>(`callHierarchy/${request.operation}`, { item })))).flatMap((c) => c ?? []);
      if (calls.length === 0) return `No ${incoming ? "callers of" : "calls from"} ${items[0]!.name}.`;
      return cap(lines.visible(calls.map((call) => ("from" in call ? call.from : call.to)), (i) => i.uri).map((i) => lines.symbol(i.name, i.kind, i.uri, i.selectionRange, i.detail)));
    }
  }
}

function outline(symbol: DocumentSymbol, depth: number): string[] {
  const own = `${"  ".repeat(depth)}${symbol.name} (${KINDS[symbol.kind] ?? "Symbol"}) line ${symbol.selectionRange.start.line + 1}`;
  return [own, ...(symbol.children ?? []).flatMap((child) => outline(child, depth + 1))];
}

function hoverText(contents: Hover["contents"]): string {
  const one = (c: MarkedString | { kind: string; value: string }) => (typeof c === "string" ? c : c.value);
  return (Array.isArray(contents) ? contents.map(one) : [one(contents)]).join("\n\n").trim();
}

function cap(lines: string[]): string {
  return lines.length <= MAX_RESULTS ? lines.join("\n") : [...lines.slice(0, MAX_RESULTS), `(${lines.length - MAX_RESULTS} more)`].join("\n");
}

/** Places shown as `path:line:col: the line`, each file read once; none in a file the deny rules hide. */
class Lines {
  private readonly files = new Map<string, string[] | undefined>();
  constructor(
    private readonly cwd: string,
    private readonly canRead: (path: string) => boolean,
  ) {}

  visible<T>(items: T[], uri: (item: T) => string): T[] {
    return items.filter((item) => !uri(item).startsWith("file:") || this.canRead(fileURLToPath(uri(item))));
  }

  private place(uri: string, range: Range | undefined): { at: string; text?: string } {
    if (!uri.startsWith("file:")) return { at: uri };
    const path = fileURLToPath(uri);
    const shown = displayPath(this.cwd, path);
    if (!range) return { at: shown };
    if (!this.files.has(path)) {
      let text: string[] | undefined;
      try {
        text = readFileSync(path, "utf8").split("\n");
      } catch {
        text = undefined;
      }
      this.files.set(path, text);
    }
    const line = this.files.get(path)?.[range.start.line]?.trim();
    return { at: `${shown}:${range.start.line + 1}:${range.start.character + 1}`, text: line && line.length > 200 ? `${line.slice(0, 200)}…` : line };
  }

  locations(all: (Location | LocationLink)[], none: string): string {
    const found = this.visible(all, (l) => ("targetUri" in l ? l.targetUri : l.uri));
    if (found.length === 0) return none;
    return cap(found.map((l) => ("targetUri" in l ? this.place(l.targetUri, l.targetSelectionRange) : this.place(l.uri, l.range))).map(({ at, text }) => (text ? `${at}: ${text}` : at)));
  }

  symbol(name: string, kind: number, uri: string, range: Range | undefined, detail?: string): string {
    const { at } = this.place(uri, range);
    return `${name} (${KINDS[kind] ?? "Symbol"}${detail ? `, ${detail}` : ""}) ${at}`;
  }
}
