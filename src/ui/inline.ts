import type { Style } from "./style.ts";

// Inline Markdown (code spans, bold, italic, strikethrough, links) to ANSI. Code spans are cut out
// first so nothing inside them is taken for emphasis.

const CODE = /(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g;

function emphasis(text: string, s: Style): string {
  return text
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_, label: string, url: string) => (label === url ? s.underline(url) : `${s.underline(label)} ${s.dim(`(${url})`)}`))
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, (_, _m, inner: string) => s.bold(inner))
    .replace(/(^|[^\w*])\*(?=[^\s*])([^*]*?[^\s*])\*(?![\w*])/g, (_, before: string, inner: string) => `${before}${s.italic(inner)}`)
    .replace(/(^|[^\w])_(?=\S)([^_]*?\S)_(?!\w)/g, (_, before: string, inner: string) => `${before}${s.italic(inner)}`)
    .replace(/~~(?=\S)([\s\S]*?\S)~~/g, (_, inner: string) => s.strike(inner));
}

/** One line (or cell) of Markdown text rendered for the terminal. */
export function renderInline(text: string, s: Style): string {
  let out = "";
  let last = 0;
  for (const match of text.matchAll(CODE)) {
    out += emphasis(text.slice(last, match.index), s);
    const code = match[2]!;
    out += s.cyan(code.startsWith(" ") && code.endsWith(" ") && code.trim() ? code.slice(1, -1) : code);
    last = match.index + match[0].length;
  }
  return out + emphasis(text.slice(last), s);
}
