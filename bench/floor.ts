// The runtime's floor, measured in the same run as nanocode: a trivial program compiled by the
// same Bun, which prints a line or, given a URL, sends one POST there and exits. nanocode's
// start-up and time to the first model request are judged against it, not against a fixed number.
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export type Floor = { binary: string; sizeBytes: number };

const SOURCE = 'const url = process.argv[2];\nif (url) await fetch(url, { method: "POST", body: "{}" }).catch(() => {});\nelse console.log("0.0.0");\n';

async function compile(dir: string): Promise<void> {
  const source = join(dir, "floor.ts");
  writeFileSync(source, SOURCE);
  const compile = { outfile: join(dir, "floor"), autoloadBunfig: false, autoloadDotenv: false };
  const result = await Bun.build({ entrypoints: [source], compile, minify: true, bytecode: true, format: "esm" });
  if (!result.success) throw new Error(`the floor program did not build: ${result.logs.join("\n")}`);
}

/**
 * Built in a child process: a child's peak RSS as the kernel reports it includes its parent's at
 * the time it was spawned, and a compile grows this process by some 200 MB.
 */
export async function buildFloor(): Promise<Floor> {
  const dir = mkdtempSync(join(tmpdir(), "nanocode-floor-"));
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  const child = Bun.spawnSync([process.execPath, import.meta.path, dir], { stdio: ["ignore", "inherit", "inherit"] });
  if (child.exitCode !== 0) throw new Error("the floor program did not build");
  const binary = join(dir, "floor");
  return { binary, sizeBytes: statSync(binary).size };
}

if (import.meta.main) await compile(process.argv[2]!);
