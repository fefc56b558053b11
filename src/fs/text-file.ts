// How a text file is laid out on disk (byte order mark, line endings), so that a rewrite keeps it:
// the model always sees and writes "\n" text, and a CRLF file stays CRLF.

export type TextFormat = { bom: boolean; crlf: boolean };

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const utf8 = new TextDecoder("utf-8");
const encoder = new TextEncoder();

export function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === UTF8_BOM[0] && bytes[1] === UTF8_BOM[1] && bytes[2] === UTF8_BOM[2];
}

/** The file's text with "\n" line endings, and the layout to restore when it is written back. */
export function decodeText(bytes: Uint8Array): { text: string; format: TextFormat } {
  const bom = hasUtf8Bom(bytes);
  const raw = utf8.decode(bom ? bytes.subarray(3) : bytes);
  // The majority decides, so one stray line ending does not convert a whole file.
  const crlfCount = raw.split("\r\n").length - 1;
  const lfCount = raw.split("\n").length - 1 - crlfCount;
  const crlf = crlfCount > 0 && crlfCount >= lfCount;
  return { text: crlfCount > 0 ? raw.replaceAll("\r\n", "\n") : raw, format: { bom, crlf } };
}

/** Bytes for `text` (written with "\n") laid out as `format` says. */
export function encodeText(text: string, format: TextFormat): Uint8Array {
  let body = text;
  if (format.crlf) body = text.replaceAll("\r\n", "\n").replaceAll("\n", "\r\n");
  const bytes = encoder.encode(body);
  if (!format.bom) return bytes;
  const out = new Uint8Array(bytes.length + 3);
  out.set(UTF8_BOM);
  out.set(bytes, 3);
  return out;
}

/** A NUL byte in the first 8 KB marks a file as binary, as git and ripgrep decide. */
export function looksBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 8192).includes(0);
}
