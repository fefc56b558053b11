// The offline demo: nanocode fixes a bug in a throwaway git repo, with the model's turns replayed
// from examples/demo/fix-bug.json. No API key needed; every tool call runs for real.
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureBinary, ROOT } from "./ensure-binary.ts";

const work = mkdtempSync(join(tmpdir(), "nanocode-demo-"));
cpSync(join(ROOT, "examples/demo/project"), work, { recursive: true });
const git = (...args: string[]) => Bun.spawnSync(["git", "-c", "user.name=demo", "-c", "user.email=demo@example.com", ...args], { cwd: work });
git("init", "-q");
git("add", ".");
git("commit", "-qm", "a cart with a bug");

const binary = await ensureBinary();
const prompt = "The cart test fails. Find the bug and fix it.";
console.log(`\x1b[2m$ cd ${work}\n$ nanocode -p "${prompt}" --replay fix-bug.json --verbose\x1b[0m\n`);
const run = Bun.spawn([binary, "-p", prompt, "--replay", join(ROOT, "examples/demo/fix-bug.json"), "--dangerously-skip-permissions", "--verbose"], {
  cwd: work,
  stdio: ["ignore", "inherit", "inherit"],
});
const code = await run.exited;
console.log(`\n\x1b[2m$ git diff\x1b[0m`);
console.log(git("--no-pager", "diff").stdout.toString());
// The repo stays for the user to look at; CI asks for it to go.
if (process.env.NANOCODE_DEMO_CLEANUP) rmSync(work, { recursive: true, force: true });
process.exit(code);
