// What a command can read, as the analysis reports it for the path guard: every folder a `cd` may
// have left the shell in, globs, links followed while walking, and reads it cannot bound.
import { expect, test } from "bun:test";
import { analyseCommand } from "../../src/permissions/bash-readonly.ts";

const reads = async (command: string) => (await analyseCommand(command, "/p")).reads;
const paths = async (command: string) => (await reads(command)).map((r) => r.path).sort();

test("a cd that may fail leaves both folders possible; && only the new one", async () => {
  expect(await paths("cd nowhere || cat secrets/key")).toEqual(["/p/secrets/key"]);
  expect(await paths("cd secrets; cat key")).toEqual(["/p/key", "/p/secrets/key"]);
  expect(await paths("cd secrets && cat key")).toEqual(["/p/secrets/key"]);
  expect(await paths("cd a && cd b || cat key")).toEqual(["/p/a/key", "/p/key"]);
  expect(await paths("! cd secrets || cat key")).toEqual(["/p/secrets/key"]);
  // A pipeline and a subshell run apart: their cd moves nothing after them.
  expect(await paths("(cd secrets); cat key")).toEqual(["/p/key"]);
  // Inside one subshell the statements follow one another.
  expect(await paths("(cd secrets; cat key)")).toEqual(["/p/key", "/p/secrets/key"]);
  expect(await paths("(cd secrets && cat key)")).toEqual(["/p/secrets/key"]);
  expect(await paths("(cd secrets\ncat key); cat k2")).toEqual(["/p/k2", "/p/key", "/p/secrets/key"]);
  expect(await paths("(cd a && cd b || cat key)")).toEqual(["/p/a/key", "/p/key"]);
  expect(await paths("cd secrets | cat key; cat k2")).toEqual(["/p/k2", "/p/key"]);
  expect(await paths("cd $dir && cat key")).toEqual([undefined]);
});

test("cd is logical: link/.. is where it started; options it may take elsewhere; CDPATH", async () => {
  expect(await paths("cd src/link/.. && cat key")).toEqual(["/p/src/key"]);
  expect(await paths("cd -L src/link/.. && cat key")).toEqual(["/p/src/key"]);
  expect(await paths("cat src/link/../key")).toEqual(["/p/src/link/../key"]);
  expect(await paths("cd -- -x && cat key")).toEqual(["/p/-x/key"]);
  for (const command of ["cd -e && cat key", "cd -@ x && cat key", "cd -2 && cat key", "cd - && cat key", "cd && cat $x"]) expect([command, await paths(command)]).toEqual([command, [undefined]]);
  const saved = process.env.CDPATH;
  process.env.CDPATH = "/elsewhere:rel";
  try {
    expect(await paths("cd secrets && cat key")).toEqual(["/elsewhere/secrets/key", "/p/rel/secrets/key", "/p/secrets/key"]);
    expect(await paths("cd ./secrets && cat key")).toEqual(["/p/secrets/key"]);
  } finally {
    if (saved === undefined) delete process.env.CDPATH;
    else process.env.CDPATH = saved;
  }
});

test("what follows a here-document's start runs after its command, in order", async () => {
  expect(await paths("cat <<EOF && cd secrets && cat key\nx\nEOF\ncat k2")).toEqual(["/p/k2", "/p/secrets/k2", "/p/secrets/key"]);
  expect(await paths("cat <<EOF | cd secrets\nx\nEOF\ncat k2")).toEqual(["/p/k2"]);
});

test("redirections the parser hangs on a whole list are opened wherever its last command runs", async () => {
  expect(await paths("cd secrets && cat < key")).toEqual(["/p/key", "/p/secrets/key"]);
  const written = await analyseCommand("cd /etc && cat x > hosts", "/p");
  expect(written.writes).toContain("/etc/hosts");
});

test("a glob reads the folder it lists, every folder below when it goes deeper", async () => {
  expect(await reads("echo secrets/*")).toEqual([{ path: "/p/secrets/", tree: false, namesOnly: true }]);
  expect(await reads("echo */key")).toEqual([{ path: "/p", tree: true, namesOnly: true }]);
  expect(await reads("echo **")).toEqual([{ path: "/p", tree: true, namesOnly: true }]);
  // A program given a glob reads what it picks; one that walks, everything below those too.
  expect(await reads("cat .e*")).toEqual([{ path: "/p", tree: false, namesOnly: true }, { path: "/p", tree: true, glob: ".e*" }]);
  expect(await reads("grep -r x c*")).toContainEqual({ path: "/p", tree: true, glob: "c*/**" });
});

test("links followed while walking, file lists and unseen options make a read unbounded", async () => {
  for (const command of ["grep -R x src", "rg -L x src", "find -L src", "find src -follow", "ls -RL src", "tree -l", "du -L src", "diff -r a b", "wc --files0-from=list", "sha256sum -c sums", "jq -f f.jq x", "cat {a,b}/x", "xargs cat", "ls $_"]) {
    expect([command, (await reads(command)).some((r) => r.path === undefined)]).toEqual([command, true]);
  }
  for (const command of ["grep -r x src", "rg x src", "find src", "ls -R src", "du src", "diff a b", "wc -l x", "cat a/x b/x"]) {
    expect([command, (await reads(command)).some((r) => r.path === undefined)]).toEqual([command, false]);
  }
});

test("git reports where it runs, so the path guard can check which repository it finds there", async () => {
  expect(await reads("git -C sub status")).toEqual([{ path: "/p/sub", tree: false, git: true }]);
  expect(await reads("cd sub && git log -p")).toEqual([{ path: "/p/sub", tree: true, repo: true, git: true }]);
  // Each -C goes on from the one before, as git does; an empty one stays put.
  expect(await paths("git -C docs -C site status")).toEqual(["/p/docs/site"]);
  expect(await paths("git -C docs -C /x -C y status")).toEqual(["/x/y"]);
  expect(await paths("git -C '' -C site status")).toEqual(["/p/site"]);
  expect(await paths("git -C docs -C '' status")).toEqual(["/p/docs"]);
  expect(await paths("git -C docs -C site show HEAD:a")).toEqual(["/p/docs/site", "/p/docs/site/HEAD:a"]);
  for (const command of ["git -C $d status", "git -C docs -C $d status", "git -C d* status", "git -C docs -C 'a b'* log"]) {
    expect([command, (await analyseCommand(command, "/p")).readOnly]).toEqual([command, false]);
  }
});
