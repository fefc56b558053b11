import { expect, test } from "bun:test";
import { mkdirSync, utimesSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import glob from "../../tools/glob.ts";
import { call, toolContext } from "./context.ts";

function tree(files: string[], git = true) {
  const ctx = toolContext();
  if (git) mkdirSync(join(ctx.cwd, ".git"));
  const start = Date.now() / 1000 - 10_000;
  files.forEach((path, i) => {
    mkdirSync(dirname(join(ctx.cwd, path)), { recursive: true });
    writeFileSync(join(ctx.cwd, path), "x");
    utimesSync(join(ctx.cwd, path), start + i * 10, start + i * 10);
  });
  return ctx;
}

test("lists matches oldest first, relative to the working directory", async () => {
  const ctx = tree(["src/new.ts", "a.ts", "src/deep/b.ts", "src/c.js"]);
  utimesSync(join(ctx.cwd, "src/new.ts"), Date.now() / 1000, Date.now() / 1000);
  expect((await call(glob, { pattern: "**/*.ts" }, ctx)).text).toBe("a.ts\nsrc/deep/b.ts\nsrc/new.ts");
  expect((await call(glob, { pattern: "*.ts" }, ctx)).text).toBe("a.ts");
  expect((await call(glob, { pattern: "**/*.{js,ts}", path: "src" }, ctx)).text).toBe("src/deep/b.ts\nsrc/c.js\nsrc/new.ts");
  expect((await call(glob, { pattern: join(ctx.cwd, "src/**/*.js") }, ctx)).text).toBe("src/c.js");
  expect((await call(glob, { pattern: "**/*.py" }, ctx)).text).toBe("No files found");
  expect(await call(glob, { pattern: "*", path: "nowhere" }, ctx)).toMatchObject({ isError: true, text: expect.stringContaining("Directory does not exist") });
});

test("honours .gitignore in a repository, skips .git and node_modules unless named, finds hidden files", async () => {
  const ctx = tree(["keep.js", "dist/out.js", "node_modules/pkg/index.js", ".git/hook.js", ".config/x.js", "gen.js"]);
  writeFileSync(join(ctx.cwd, ".gitignore"), "dist/\ngen.js\n");
  expect((await call(glob, { pattern: "**/*.js" }, ctx)).text).toBe("keep.js\n.config/x.js");
  expect((await call(glob, { pattern: "node_modules/**/*.js" }, ctx)).text).toBe("node_modules/pkg/index.js");
});

test("more than 100 matches are cut with a note", async () => {
  const ctx = tree(Array.from({ length: 120 }, (_, i) => `f${String(i).padStart(3, "0")}.txt`), false);
  const lines = (await call(glob, { pattern: "*.txt" }, ctx)).text.split("\n");
  expect(lines).toHaveLength(101);
  expect(lines[0]).toBe("f000.txt");
  expect(lines[100]).toBe("(Results are truncated. Consider using a more specific path or pattern.)");
});

test("files the permission rules hide (ctx.canRead) are left out", async () => {
  const ctx = tree(["a.ts", "secrets/key.ts"]);
  const hidden = { ...ctx, canRead: (path: string) => !path.includes("/secrets/") };
  expect((await call(glob, { pattern: "**/*.ts" }, hidden)).text).toBe("a.ts");
});
