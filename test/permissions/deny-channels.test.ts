// A Read deny rule binds every way a file's content can reach the model: hard links (Read, Grep,
// Glob, Bash), MCP tools' path arguments, awk choosing its files at run time, and commands a rule
// allows that would copy a denied file somewhere readable.
import { expect, test } from "bun:test";
import { linkSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { argumentPaths } from "../../src/permissions/argument-paths.ts";
import { DeniedFiles } from "../../src/permissions/denied-files.ts";
import { pathTexts } from "../../src/permissions/bash/operands.ts";
import { tempDir } from "../support/tmp.ts";
import { Bash, decide, engine, Read, tool } from "./engine-support.ts";

/** project/{secrets/key.txt, pub.txt, src/a.ts, docs/hard (a hard link of the key), docs/soft (a symlink to it)}. */
function project(): string {
  const dir = tempDir();
  mkdirSync(join(dir, "secrets"));
  mkdirSync(join(dir, "src"));
  mkdirSync(join(dir, "docs"));
  writeFileSync(join(dir, "secrets/key.txt"), "SECRET");
  writeFileSync(join(dir, "pub.txt"), "public");
  writeFileSync(join(dir, "src/a.ts"), "a");
  linkSync(join(dir, "secrets/key.txt"), join(dir, "docs/hard"));
  symlinkSync(join(dir, "secrets/key.txt"), join(dir, "docs/soft"));
  return dir;
}

const denying = (dir: string, allow: string[] = []) => engine({ deny: ["Read(./secrets/**)"], allow }, "default", { projectDir: dir }).engine;

test("a hard link of a denied file is denied to Read, Grep, Glob and Bash; its other names and plain files are not", async () => {
  const dir = project();
  const e = denying(dir);
  for (const path of ["docs/hard", "docs/soft", "secrets/key.txt"]) expect([path, await decide(e, Read, { file_path: join(dir, path) })]).toEqual([path, expect.stringContaining("deny")]);
  expect(await decide(e, Read, { file_path: join(dir, "pub.txt") })).toBe("allow");
  for (const command of ["cat docs/hard", "head -c 3 docs/hard", "grep -r SECRET docs", "rg SECRET", "grep SECRET docs/hard", "wc docs/hard"]) {
    expect([command, await decide(e, Bash, { command })]).toEqual([command, expect.stringContaining("deny")]);
  }
  expect(e.canRead(join(dir, "docs/hard"))).toBe(false);
  expect(e.canRead(join(dir, "src/a.ts"))).toBe(true);
  expect(await decide(e, Bash, { command: "cat pub.txt src/a.ts" })).toBe("allow");
});

test("two hard links outside denied folders are plain files; a link created later is found at the next call", async () => {
  const dir = project();
  linkSync(join(dir, "pub.txt"), join(dir, "src/pub-again"));
  const e = denying(dir);
  expect(await decide(e, Read, { file_path: join(dir, "src/pub-again") })).toBe("allow");
  expect(await decide(e, Bash, { command: "cat src/pub-again" })).toBe("allow");
  writeFileSync(join(dir, "secrets/new.txt"), "NEW");
  expect(await decide(e, Read, { file_path: join(dir, "src/pub-again") })).toBe("allow");
  linkSync(join(dir, "secrets/new.txt"), join(dir, "src/late"));
  expect(await decide(e, Read, { file_path: join(dir, "src/late") })).toContain("deny");
});

test("between tool calls (a mention), a hard link made after the last listing is still found", () => {
  const dir = project();
  const e = denying(dir);
  writeFileSync(join(dir, "secrets/other.txt"), "OTHER");
  expect(e.canRead(join(dir, "docs/hard"))).toBe(false);
  linkSync(join(dir, "secrets/other.txt"), join(dir, "src/other-link"));
  expect(e.canRead(join(dir, "src/other-link"))).toBe(false);
});

test("the listing of denied files is bounded: past the bound a file with several names counts as denied", () => {
  const dir = project();
  for (let i = 0; i < 5; i++) writeFileSync(join(dir, `secrets/f${i}`), "x");
  const patterns = () => [join(dir, "secrets/**")];
  expect(new DeniedFiles(patterns).linkedTo(join(dir, "docs/hard"))).toBe(join(dir, "secrets/**"));
  expect(new DeniedFiles(patterns).linkedTo(join(dir, "pub.txt"))).toBeUndefined();
  const small = new DeniedFiles(patterns, 3);
  linkSync(join(dir, "pub.txt"), join(dir, "pub2"));
  expect(small.linkedTo(join(dir, "pub2"))).toBe(join(dir, "secrets/**"));
  expect(new DeniedFiles(patterns, 0).inside(dir)).toEqual({ unsure: join(dir, "secrets/**") });
  expect(new DeniedFiles(patterns).inside(join(dir, "src"))).toBeUndefined();
  expect(new DeniedFiles(patterns).inside(dir)).toEqual({ holds: join(dir, "secrets/**") });
});

test("MCP tools: any argument naming a denied path, by key or by looks, is denied before the call", async () => {
  const dir = project();
  const e = denying(dir);
  const fs = (name: string) => tool(`mcp__fs__${name}`, true);
  const key = join(dir, "secrets/key.txt");
  const denied: Array<[string, Record<string, unknown>]> = [
    ["read_file", { path: key }],
    ["read_text_file", { path: "secrets/key.txt" }],
    ["read_media_file", { path: "./secrets/key.txt" }],
    ["read_multiple_files", { paths: [join(dir, "pub.txt"), key] }],
    ["read_text_file", { path: join(dir, "docs/hard") }],
    ["read_text_file", { path: join(dir, "docs/soft") }],
    ["move_file", { source: key, destination: join(dir, "out.txt") }],
    ["get_file_info", { path: `file://${key}` }],
    ["search_files", { path: join(dir, "secrets"), pattern: "*" }],
    ["custom", { options: { inputFile: "secrets/key.txt" } }],
    ["custom", { query: "x", args: [`${dir}/secrets/../secrets/key.txt`] }],
  ];
  for (const [name, input] of denied) expect([name, input, await decide(e, fs(name), input)]).toEqual([name, input, expect.stringContaining("has been denied: it names")]);
  expect(await decide(e, tool("ReadMcpResourceTool", true), { server: "fs", uri: `file://${key}` })).toContain("has been denied");
  for (const input of [{ path: dir }, { path: "." }, { root: "./" }]) expect([input, await decide(e, fs("directory_tree"), input)]).toEqual([input, expect.stringContaining("holds files the deny rule")]);
  for (const input of [{ path: join(dir, "pub.txt") }, { path: join(dir, "src") }, { text: "secrets/key.txt is a file name in prose" }, { url: "https://example.com/secrets/key.txt" }]) {
    expect([input, await decide(e, fs("read_text_file"), input)]).toEqual([input, "allow"]);
  }
});

test("which argument strings count as paths", () => {
  expect(argumentPaths({ path: "a", paths: ["b", "/c"], nested: { filePath: "d", note: "./e", name: "f" }, uri: "file:///g", url: "https://h/i", n: 1 }, ["/w"]).sort()).toEqual(["/c", "/g", "/w/a", "/w/b", "/w/d", "/w/e"]);
  expect(argumentPaths({ path: "x" }, ["/a", "/b"])).toEqual(["/a/x", "/b/x"]);
  expect(pathTexts("if=secrets/k")).toEqual(["if=secrets/k", "secrets/k"]);
  expect(pathTexts("-fsecrets/k")).toContain("secrets/k");
  expect(pathTexts("--file=x")).toEqual(["--file=x", "x"]);
});

test("awk that may choose its own files (ARGV, ARGC, SYMTAB) asks, with or without a Read deny rule; sed r/R/w are refused", async () => {
  const dir = project();
  const e = denying(dir);
  const plain = engine({}, "default", { projectDir: dir }).engine;
  const choosing = [
    `awk 'BEGIN{ARGV[1]="secrets/key.txt"; ARGC=2} {print}'`,
    `awk 'BEGIN{ARGV[ARGC++]="secr" "ets/key.txt"} {print}' pub.txt`,
    `awk 'BEGIN{f="secrets/"; ARGV[1]=f "key.txt"} 1' pub.txt`,
    `awk 'BEGIN { SYMTAB["ARGV"][1] = "secrets/key.txt" } 1' pub.txt`,
    `awk 'NR==1{ARGV[2]="docs/hard"} 1' pub.txt pub.txt`,
  ];
  for (const command of choosing) {
    expect([command, await decide(e, Bash, { command })]).toEqual([command, expect.stringContaining("a path only the shell knows")]);
    // Without deny rules too: the file it picks may lie outside the working directories (exposure.ts).
    expect([command, await decide(plain, Bash, { command })]).toEqual([command, expect.stringContaining("a path only the shell knows")]);
  }
  expect(await decide(e, Bash, { command: `awk '{print $1}' pub.txt` })).toBe("allow");
  expect(await decide(e, Bash, { command: `awk 'BEGIN{f="secrets/key.txt"; while ((getline l < f) > 0) print l}'` })).toContain("deny");
  for (const command of ["sed 'r secrets/key.txt' pub.txt", "sed '1R secrets/key.txt' pub.txt", "sed -n 'w out' pub.txt", "sed 's/a/b/w out' pub.txt", "sed -f script pub.txt"]) {
    expect([command, await decide(e, Bash, { command })]).toEqual([command, expect.stringContaining("deny")]);
  }
  for (const command of ["find . -type f -exec cat {} +", "find src -exec cat {} \\;", "ls | xargs cat", "xargs -a list cat"]) {
    expect([command, await decide(e, Bash, { command })]).toEqual([command, expect.stringContaining("deny")]);
  }
});

test("a command a rule allows is denied when a word names a denied file or a folder holding one", async () => {
  const dir = project();
  const e = denying(dir, ["Bash(cp:*)", "Bash(tar:*)", "Bash(ln:*)", "Bash(mv:*)", "Bash(rsync:*)", "Bash(dd:*)", "Bash(install:*)", "Bash(zip:*)", "Bash(git add:*)", "Bash(npm test:*)"]);
  const denied = [
    "cp secrets/key.txt pub2.txt", "cp -r secrets out", "cp docs/hard out", "cp docs/soft out", "tar cf out.tar secrets", "tar -czf out.tgz -C . secrets", "ln secrets/key.txt h",
    "ln -s secrets/key.txt s", "mv secrets/key.txt x", "rsync -a secrets/ x/", "dd if=secrets/key.txt of=x", "install secrets/key.txt x", "cd secrets && cp key.txt ../x",
    "cp ./secrets/../secrets/key.txt x", "tar --file=out.tar secrets/key.txt", "cp -t out secrets/key.txt", "cp -r docs/../secrets out", "mv secrets ../elsewhere",
  ];
  for (const command of denied) expect([command, await decide(e, Bash, { command })]).toEqual([command, expect.stringContaining("has been denied: it names")]);
  // A folder holding denied files: a person decides (print mode has nobody to ask, so it is refused).
  for (const command of ["cp -r . ../copy", "tar -cf out.tar .", "zip -r out.zip .", "cp * ../copy", "git add .", "cp -r ./ ../copy", `cp -r ${dir} /tmp/x`]) {
    expect([command, await decide(e, Bash, { command })]).toEqual([command, expect.stringContaining("holds files the deny rule")]);
  }
  for (const command of ["cp $F x", 'cp "$(cat list)" x', "cd $D && cp key.txt x"]) expect([command, await decide(e, Bash, { command })]).toEqual([command, expect.stringContaining("only known when it runs")]);
  for (const command of ["cp pub.txt pub2.txt", "cp -r src out", "tar cf out.tar src pub.txt", "mv pub.txt moved.txt", "ln pub.txt h", "npm test", "cp src/*.ts out/", "git add src"]) {
    expect([command, await decide(e, Bash, { command })]).toEqual([command, "allow"]);
  }
  // Without a deny rule nothing changes.
  expect(await decide(engine({ allow: ["Bash(cp:*)"] }, "default", { projectDir: dir }).engine, Bash, { command: "cp $F x" })).toBe("allow");
});

test("what an allowed shell, eval or runner runs is held to the deny rule too; words xargs reads are unknown", async () => {
  const dir = project();
  const e = denying(dir, ["Bash(sh:*)", "Bash(bash:*)", "Bash(eval:*)", "Bash(sudo:*)", "Bash(xargs:*)", "Bash(env:*)", "Bash(timeout:*)"]);
  const denied = ["sh -c 'cp secrets/key.txt x'", "bash -c 'cat secrets/key.txt'", "bash -lc 'cd secrets && cat key.txt'", "eval 'cp secrets/key.txt x'", 'sh -c "cp secr""ets/key.txt x"', "sudo sh -c 'tar cf x.tar secrets'", "env cp secrets/key.txt x", "timeout 5 bash -c 'bash -c \"cat docs/hard\"'", "sudo cp secrets/key.txt x"];
  for (const command of denied) expect([command, await decide(e, Bash, { command })]).toEqual([command, expect.stringContaining("has been denied: it names")]);
  for (const command of ["echo secrets/key.txt | xargs cp -t out", "sh -c 'cp $F x'", "bash -c 'cp -r . ../copy'", "ls | xargs -I{} sh -c 'cat {}'", "cd src && sh -c 'cat ../secrets/key.txt'"]) expect([command, await decide(e, Bash, { command })]).toEqual([command, expect.stringContaining("needs approval")]);
  for (const command of ["sh -c 'cp pub.txt y'", "bash -c 'cat src/a.ts'", "env cp pub.txt x"]) expect([command, await decide(e, Bash, { command })]).toEqual([command, "allow"]);
});

test("bypassPermissions still refuses a command naming a denied file", async () => {
  const dir = project();
  const e = engine({ deny: ["Read(./secrets/**)"] }, "bypassPermissions", { projectDir: dir }).engine;
  expect(await decide(e, Bash, { command: "cp secrets/key.txt x" })).toContain("deny");
  expect(await decide(e, Bash, { command: "cat docs/hard" })).toContain("deny");
  expect(await decide(e, tool("mcp__fs__read_text_file"), { path: join(dir, "docs/hard") })).toContain("deny");
  expect(await decide(e, Bash, { command: "cp pub.txt x" })).toBe("allow");
  expect(await decide(e, Bash, { command: "cp -r . ../copy" })).toContain("holds files the deny rule");
  expect(await decide(e, tool("mcp__fs__directory_tree"), { path: dir })).toContain("holds files the deny rule");
  // Neither a rule nor a mode can approve it, and the refusal does not suggest one.
  expect(await decide(e, Bash, { command: "cp $F x" })).toContain("Only a person can: run it in an interactive session");
  expect(await decide(e, Bash, { command: "cp $F x" })).not.toContain("--dangerously-skip-permissions");
});
