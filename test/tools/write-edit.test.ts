import { expect, test } from "bun:test";
import { chmodSync, readFileSync, statSync, symlinkSync, writeFileSync, lstatSync } from "node:fs";
import { join } from "node:path";
import edit from "../../tools/edit.ts";
import read from "../../tools/read.ts";
import write from "../../tools/write.ts";
import { call, toolContext } from "./context.ts";

function fixture(files: Record<string, string | Uint8Array> = {}) {
  const ctx = toolContext();
  for (const [name, content] of Object.entries(files)) writeFileSync(join(ctx.cwd, name), content);
  return ctx;
}
const text = (ctx: { cwd: string }, name: string) => readFileSync(join(ctx.cwd, name), "utf8");

test("Write creates parent directories; overwriting needs a Read first", async () => {
  const ctx = fixture({ "old.txt": "keep me\n" });
  expect((await call(write, { file_path: "a/b/new.txt", content: "hi\n" }, ctx)).text).toStartWith(`File created successfully at: ${join(ctx.cwd, "a/b/new.txt")}`);
  expect(text(ctx, "a/b/new.txt")).toBe("hi\n");
  expect(await call(write, { file_path: "old.txt", content: "gone\n" }, ctx)).toMatchObject({ isError: true, text: expect.stringContaining("Read it first") });
  expect(text(ctx, "old.txt")).toBe("keep me\n");
  await call(read, { file_path: "old.txt" }, ctx);
  expect((await call(write, { file_path: "old.txt", content: "new\n" }, ctx)).text).toStartWith("The file");
  expect(text(ctx, "old.txt")).toBe("new\n");
  // What the session wrote it knows: a second Write needs no new Read.
  expect((await call(write, { file_path: "old.txt", content: "newer\n" }, ctx)).isError).toBe(false);
});

test("a file changed on disk since it was read is refused to Write, and to an ambiguous Edit", async () => {
  const ctx = fixture({ "f.txt": "a\nb\nb\n" });
  await call(read, { file_path: "f.txt" }, ctx);
  writeFileSync(join(ctx.cwd, "f.txt"), "a\nb\nb\nc\n");
  expect(await call(write, { file_path: "f.txt", content: "x" }, ctx)).toMatchObject({ isError: true, text: expect.stringContaining("modified since") });
  expect(await call(edit, { file_path: "f.txt", old_string: "b", new_string: "B", replace_all: true }, ctx)).toMatchObject({ isError: true, text: expect.stringContaining("modified since") });
  // A unique match may still go through, with a note.
  const ok = await call(edit, { file_path: "f.txt", old_string: "c", new_string: "C" }, ctx);
  expect(ok.isError).toBe(false);
  expect(ok.text).toContain("had changed on disk");
  expect(text(ctx, "f.txt")).toBe("a\nb\nb\nC\n");
});

test("Write and Edit keep CRLF, the byte order mark and mode bits", async () => {
  const bom = [0xef, 0xbb, 0xbf];
  const ctx = fixture({ "w.sh": new Uint8Array([...bom, ...new TextEncoder().encode("echo a\r\necho b\r\n")]) });
  chmodSync(join(ctx.cwd, "w.sh"), 0o755);
  await call(read, { file_path: "w.sh" }, ctx);
  await call(edit, { file_path: "w.sh", old_string: "echo a\necho b", new_string: "echo a\necho c\necho d" }, ctx);
  expect([...readFileSync(join(ctx.cwd, "w.sh"))]).toEqual([...bom, ...new TextEncoder().encode("echo a\r\necho c\r\necho d\r\n")]);
  await call(write, { file_path: "w.sh", content: "x\ny\n" }, ctx);
  expect([...readFileSync(join(ctx.cwd, "w.sh"))]).toEqual([...bom, ...new TextEncoder().encode("x\r\ny\r\n")]);
  expect(statSync(join(ctx.cwd, "w.sh")).mode & 0o777).toBe(0o755);
});

test("a symlink stays a link; the file it points to is written", async () => {
  const ctx = fixture({ "real.txt": "one\n" });
  symlinkSync(join(ctx.cwd, "real.txt"), join(ctx.cwd, "link.txt"));
  await call(read, { file_path: "link.txt" }, ctx);
  await call(edit, { file_path: "link.txt", old_string: "one", new_string: "two" }, ctx);
  expect(lstatSync(join(ctx.cwd, "link.txt")).isSymbolicLink()).toBe(true);
  expect(text(ctx, "real.txt")).toBe("two\n");
});

test("Edit: not found, not unique (with the count), replace_all, and same strings", async () => {
  const ctx = fixture({ "d.txt": "foo = 1\nbar = 2\nfoo = 3\n" });
  expect((await call(edit, { file_path: "d.txt", old_string: "foo", new_string: "baz" }, ctx)).text).toContain("Read it first");
  await call(read, { file_path: "d.txt" }, ctx);
  expect((await call(edit, { file_path: "d.txt", old_string: "qux", new_string: "baz" }, ctx)).text).toBe("String to replace not found in file.\nString: qux");
  expect((await call(edit, { file_path: "d.txt", old_string: "foo", new_string: "baz" }, ctx)).text).toStartWith("Found 2 matches of the string to replace, but replace_all is false.");
  expect((await call(edit, { file_path: "d.txt", old_string: "foo", new_string: "foo" }, ctx)).text).toContain("No changes to make");
  const all = await call(edit, { file_path: "d.txt", old_string: "foo", new_string: "baz", replace_all: true }, ctx);
  expect(all.text).toContain("Replaced 2 occurrences.");
  expect(text(ctx, "d.txt")).toBe("baz = 1\nbar = 2\nbaz = 3\n");
});

test("Edit forgives straight quotes for the file's curly ones and writes curly ones back", async () => {
  const ctx = fixture({ "q.md": "She said “hello” and it’s fine.\n" });
  await call(read, { file_path: "q.md" }, ctx);
  const result = await call(edit, { file_path: "q.md", old_string: `said "hello" and it's`, new_string: `said "goodbye" and it's` }, ctx);
  expect(result.isError).toBe(false);
  expect(text(ctx, "q.md")).toBe("She said “goodbye” and it’s fine.\n");
});

test("Edit deleting a line takes its newline; an empty old_string creates a file or fills an empty one", async () => {
  const ctx = fixture({ "l.txt": "a\nremove me\nb\n", "empty.txt": "" });
  await call(read, { file_path: "l.txt" }, ctx);
  await call(edit, { file_path: "l.txt", old_string: "remove me", new_string: "" }, ctx);
  expect(text(ctx, "l.txt")).toBe("a\nb\n");
  expect((await call(edit, { file_path: "n/new.txt", old_string: "", new_string: "fresh\n" }, ctx)).text).toStartWith("File created successfully");
  expect(text(ctx, "n/new.txt")).toBe("fresh\n");
  await call(read, { file_path: "empty.txt" }, ctx);
  expect((await call(edit, { file_path: "empty.txt", old_string: "", new_string: "filled" }, ctx)).isError).toBe(false);
  expect((await call(edit, { file_path: "l.txt", old_string: "", new_string: "x" }, ctx)).text).toContain("already exists");
  expect((await call(edit, { file_path: "nope.txt", old_string: "a", new_string: "b" }, ctx)).text).toContain("File does not exist");
});

test("Edit takes old_string with CRLF line endings for a CRLF file", async () => {
  const ctx = fixture({ "c.txt": "a\r\nb\r\n" });
  await call(read, { file_path: "c.txt" }, ctx);
  expect((await call(edit, { file_path: "c.txt", old_string: "a\r\nb", new_string: "a\r\nB" }, ctx)).isError).toBe(false);
  expect(text(ctx, "c.txt")).toBe("a\r\nB\r\n");
});
