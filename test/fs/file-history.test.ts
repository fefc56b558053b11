import { expect, test } from "bun:test";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { FileHistory } from "../../src/fs/file-history.ts";
import edit from "../../tools/edit.ts";
import read from "../../tools/read.ts";
import write from "../../tools/write.ts";
import { call, toolContext } from "../tools/context.ts";

test("every Edit and Write keeps the previous content; rewind puts it back or deletes a created file", async () => {
  const ctx = toolContext();
  const a = join(ctx.cwd, "a.txt");
  writeFileSync(a, "v1\n");
  await call(read, { file_path: a }, ctx);
  await call(edit, { file_path: a, old_string: "v1", new_string: "v2" }, ctx);
  await call(write, { file_path: a, content: "v3\n" }, ctx);
  await call(write, { file_path: "new.txt", content: "created\n" }, ctx);

  const history = FileHistory.of(ctx.sessionDir);
  const changes = await history.changes();
  expect(changes.map((c) => [c.seq, c.path, c.before === null])).toEqual([
    [0, a, false],
    [1, a, false],
    [2, join(ctx.cwd, "new.txt"), true],
  ]);
  expect(new TextDecoder().decode((await history.contentBefore(changes[1]!))!)).toBe("v2\n");

  // Undo the last two changes: a.txt goes back to v2, new.txt disappears.
  const rewound = await history.rewind(changes.slice(1));
  expect(rewound).toEqual([
    { path: a, action: "restored", changedSince: false },
    { path: join(ctx.cwd, "new.txt"), action: "deleted", changedSince: false },
  ]);
  expect(readFileSync(a, "utf8")).toBe("v2\n");
  expect(existsSync(join(ctx.cwd, "new.txt"))).toBe(false);

  // A file changed by someone after the session's last write is still restored, and says so.
  writeFileSync(a, "user edit\n");
  expect(await history.rewind(changes)).toEqual([
    { path: a, action: "restored", changedSince: true },
    { path: join(ctx.cwd, "new.txt"), action: "deleted", changedSince: true },
  ]);
  expect(readFileSync(a, "utf8")).toBe("v1\n");
});
