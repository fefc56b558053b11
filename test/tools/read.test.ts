import { expect, test } from "bun:test";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import read from "../../tools/read.ts";
import { call, toolContext } from "./context.ts";

function fixture(files: Record<string, string | Uint8Array>) {
  const ctx = toolContext();
  for (const [name, content] of Object.entries(files)) writeFileSync(join(ctx.cwd, name), content);
  return ctx;
}

test("numbers lines cat -n style, the last newline showing as an empty numbered line", async () => {
  const ctx = fixture({ "a.txt": "one\ntwo\n" });
  expect(await call(read, { file_path: join(ctx.cwd, "a.txt") }, ctx)).toMatchObject({ text: "1\tone\n2\ttwo\n3\t", isError: false });
  expect(ctx.files.get(join(ctx.cwd, "a.txt"))?.partial).toBe(false);
});

test("offset and limit select lines and mark the read as partial", async () => {
  const ctx = fixture({ "a.txt": Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join("\n") });
  const { text } = await call(read, { file_path: "a.txt", offset: 10, limit: 2 }, ctx);
  expect(text).toBe("10\tline 10\n11\tline 11");
  expect(ctx.files.get(join(ctx.cwd, "a.txt"))?.partial).toBe(true);
  expect((await call(read, { file_path: "a.txt", offset: 31 }, ctx)).text).toContain("shorter than the provided offset (31). The file has 30 lines");
});

test("caps at 2000 lines and 2000 characters a line, with a note", async () => {
  const ctx = fixture({ "big.txt": `${"x".repeat(2500)}\n${Array.from({ length: 2500 }, (_, i) => `${i}`).join("\n")}` });
  const { text } = await call(read, { file_path: "big.txt" }, ctx);
  const lines = text.split("\n");
  expect(lines[0]).toBe(`1\t${"x".repeat(2000)}… [line truncated: 2500 chars]`);
  expect(lines[1999]).toBe("2000\t1998");
  expect(lines.at(-1)).toBe("(Showing lines 1-2000 of 2501. Use offset and limit to read the rest.)");
});

test("CRLF and a byte order mark are not shown to the model", async () => {
  const ctx = fixture({ "w.txt": new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("a\r\nb\r\n")]) });
  expect((await call(read, { file_path: "w.txt" }, ctx)).text).toBe("1\ta\n2\tb\n3\t");
});

test("empty, directory, binary and missing files each say what happened", async () => {
  const ctx = fixture({ "empty.txt": "", "bin.dat": new Uint8Array([1, 0, 2]), "present.txt": "here\n" });
  expect((await call(read, { file_path: "empty.txt" }, ctx)).text).toContain("the contents are empty");
  expect(await call(read, { file_path: ctx.cwd }, ctx)).toMatchObject({ text: `EISDIR: illegal operation on a directory, read '${ctx.cwd}'`, isError: true });
  expect(await call(read, { file_path: "bin.dat" }, ctx)).toMatchObject({ isError: true, text: expect.stringContaining("cannot read binary files") });
  const missing = await call(read, { file_path: "presnt.txt" }, ctx);
  expect(missing.isError).toBe(true);
  expect(missing.text).toBe(`File does not exist. Note: your current working directory is ${ctx.cwd}.\nDid you mean ${join(ctx.cwd, "present.txt")}?`);
});

test("a result over about 25,000 tokens is refused unless allow_large", async () => {
  const ctx = fixture({ "wide.txt": Array.from({ length: 1000 }, () => "y".repeat(150)).join("\n") });
  const refused = await call(read, { file_path: "wide.txt" }, ctx);
  expect(refused.isError).toBe(true);
  expect(refused.text).toContain("offset and limit");
  expect(ctx.files.get(join(ctx.cwd, "wide.txt"))).toBeUndefined();
  expect((await call(read, { file_path: "wide.txt", allow_large: true }, ctx)).isError).toBe(false);
});
