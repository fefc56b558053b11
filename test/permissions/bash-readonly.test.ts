import { expect, test } from "bun:test";
import { analyseCommand, splitPlain } from "../../src/permissions/bash-readonly.ts";
import { corpus } from "../support/corpus.ts";
import { NOT_READ_ONLY } from "./cases/shell-attacks.ts";
import { HARMLESS } from "./cases/shell-harmless.ts";

const verdicts = async (commands: string[]) => Promise.all(commands.map(async (c) => [c, (await analyseCommand(c, "/work/project")).readOnly] as const));
const approved = async (commands: string[]) => (await verdicts(commands)).filter(([, ok]) => ok).map(([c]) => c);
const asked = async (commands: string[]) => (await verdicts(commands)).filter(([, ok]) => !ok).map(([c]) => c);

test("every command of the corpus yes-list is read-only", async () => {
  expect(await asked(corpus("bash-readonly-yes.txt"))).toEqual([]);
});

test("no command of the corpus no-list is read-only", async () => {
  expect(await approved(corpus("bash-readonly-no.txt"))).toEqual([]);
});

for (const [trick, commands] of Object.entries(NOT_READ_ONLY)) {
  test(`never read-only: ${trick}`, async () => {
    expect(await approved(commands)).toEqual([]);
  });
}

test("the commands developers run all day are read-only", async () => {
  expect(await asked(HARMLESS)).toEqual([]);
});

test("the plain fast path gives the parser's analysis", async () => {
  const all = [...corpus("bash-readonly-yes.txt"), ...corpus("bash-readonly-no.txt"), ...Object.values(NOT_READ_ONLY).flat(), ...HARMLESS];
  const plain = all.filter((c) => splitPlain(c));
  expect(plain.length).toBeGreaterThan(150);
  const summary = ({ understood, readOnly, reads, writes, changesCwd, parts }: Awaited<ReturnType<typeof analyseCommand>>) => ({ understood, readOnly, reads, writes, changesCwd, argv: parts.map((p) => p.argv) });
  for (const command of plain) {
    // A trailing comment keeps the command the same for the shell but sends it down the parser path.
    const parsed = await analyseCommand(`${command} #`, "/p");
    expect([command, summary(await analyseCommand(command, "/p"))]).toEqual([command, summary(parsed)]);
  }
});

test("parts, reads, writes and cd are reported", async () => {
  const a = await analyseCommand("cd sub && cat x.txt $(ls) | grep -r foo > out.txt", "/p");
  expect(a.parts.map((p) => p.text)).toEqual(["cd sub", "ls", "cat x.txt $(ls)", "grep -r foo"]);
  expect(a.changesCwd).toBe(true);
  expect(a.writes).toContain("/p/sub/out.txt");
  expect(a.reads).toContainEqual({ path: "/p/sub/x.txt", tree: false });
  expect(a.reads).toContainEqual({ tree: true });
  expect(a.reads).toContainEqual({ path: "/p/sub", tree: true });
  expect(a.readOnly).toBe(false);
  expect((await analyseCommand("grep -rn x . > /dev/null", "/p")).readOnly).toBe(true);
  expect((await analyseCommand("git show HEAD:secret", "/p")).reads[0]).toEqual({ path: "/p", tree: true, repo: true, git: true });
  // The words as the program gets them: quotes and escapes removed.
  expect((await analyseCommand(`\\rm "-rf" 'x'`, "/p")).parts[0]).toMatchObject({ program: "rm", argv: ["rm", "-rf", "x"] });
});
