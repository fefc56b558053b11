// The shell parser: tree-sitter-bash compiled to WASM, both .wasm files embedded in the binary.
// Starting it costs ~80 ms, so it loads on the first Bash call, never at start-up.

import type { Node, Tree } from "web-tree-sitter";
import bashWasm from "tree-sitter-bash/tree-sitter-bash.wasm" with { type: "file" };
import runtimeWasm from "web-tree-sitter/web-tree-sitter.wasm" with { type: "file" };

export type { Node } from "web-tree-sitter";

type Parse = (text: string) => Tree | null;
let parser: Promise<Parse> | undefined;

// The executor and the permission engine both look at each Bash call: keep the last few trees.
// Trees live in WASM memory, so an evicted one is freed explicitly.
const recent = new Map<string, Tree | null>();
const RECENT_LIMIT = 8;

async function load(): Promise<Parse> {
  const { Parser, Language } = await import("web-tree-sitter");
  const bytes = async (path: string) => new Uint8Array(await Bun.file(path).arrayBuffer());
  await Parser.init({ wasmBinary: (await bytes(runtimeWasm)).buffer });
  const bash = await Language.load(await bytes(bashWasm));
  const instance = new Parser();
  instance.setLanguage(bash);
  return (text) => instance.parse(text);
}

/**
 * Parses the command (loading the parser on first use) and hands its root node to `use`, which
 * must not keep it: a later parse may free the tree.
 */
export async function withShellTree<T>(text: string, use: (root: Node | undefined) => T): Promise<T> {
  parser ??= load();
  const parse = await parser;
  if (!recent.has(text)) {
    recent.set(text, parse(text));
    if (recent.size > RECENT_LIMIT) {
      const [oldest, tree] = recent.entries().next().value!;
      recent.delete(oldest);
      tree?.delete();
    }
  }
  return use(recent.get(text)?.rootNode);
}
