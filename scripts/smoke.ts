// Smoke tests for a freshly built binary: the ones this machine can run are started for real (alone
// in an empty folder, loading a sample user tool module); the others have their executable header
// checked (format and CPU), so a mixed-up target cannot ship.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pkg from "../package.json" with { type: "json" };
import { lacksAvx2, platformName } from "../src/sdk/executable.ts";
import type { Target } from "./build.ts";

const ROOT = join(import.meta.dir, "..");
const SAMPLE_TOOL = join(ROOT, "examples", "tools", "git-history.ts");

export type Smoke = { ok: boolean; detail: string };

/** Whether this machine can start a build of `t`. A musl build needs a musl system (its libstdc++ too). */
export function runsHere(t: Target): boolean {
  if (t.os !== process.platform || t.cpu !== process.arch) return false;
  if (t.os === "linux" && (t.libc === "musl") !== (platformName().endsWith("-musl"))) return false;
  return t.name.includes("baseline") || !lacksAvx2();
}

/** What the header of an executable says it is: `ELF x64`, `Mach-O arm64`, `PE x64`, … */
export function headerOf(path: string): string {
  const b = readFileSync(path).subarray(0, 4096);
  const u16 = (at: number) => b.readUInt16LE(at);
  const u32 = (at: number) => b.readUInt32LE(at);
  if (u32(0) === 0x464c457f) return `ELF ${{ 62: "x64", 183: "arm64" }[u16(18)] ?? `machine ${u16(18)}`}`;
  if (u32(0) === 0xfeedfacf) return `Mach-O ${{ 0x01000007: "x64", 0x0100000c: "arm64" }[u32(4)] ?? `cpu ${u32(4)}`}`;
  if (u16(0) === 0x5a4d && u32(u32(0x3c)) === 0x4550) return `PE ${{ 0x8664: "x64", 0xaa64: "arm64" }[u16(u32(0x3c) + 4)] ?? "other"}`;
  return "unknown";
}

const expectedHeader = (t: Target) => `${{ linux: "ELF", darwin: "Mach-O", win32: "PE" }[t.os]} ${t.cpu}`;

export async function smokeTest(binary: string, t: Target): Promise<Smoke> {
  const header = headerOf(binary);
  if (header !== expectedHeader(t)) return { ok: false, detail: `header says ${header}, expected ${expectedHeader(t)}` };
  if (!runsHere(t)) return { ok: true, detail: `${header} (cannot run here)` };

  const dir = mkdtempSync(join(tmpdir(), `nanocode-smoke-${t.name}-`));
  try {
    return runAlone(binary, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function runAlone(binary: string, dir: string): Smoke {
  const alone = join(dir, "nanocode");
  copyFileSync(binary, alone);
  mkdirSync(join(dir, ".nanocode", "tools"), { recursive: true });
  copyFileSync(SAMPLE_TOOL, join(dir, ".nanocode", "tools", "git-history.ts"));
  // A project's own bunfig.toml (a preload) and .env must not reach inside the binary.
  writeFileSync(join(dir, "bunfig.toml"), 'preload = ["./missing-preload.ts"]\n');
  writeFileSync(join(dir, ".env"), "ANTHROPIC_BASE_URL=http://127.0.0.1:9\n");
  const env = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: dir };
  const version = Bun.spawnSync([alone, "--version"], { cwd: dir, env });
  if (version.stdout.toString() !== `${pkg.version} (nanocode)\n`) return { ok: false, detail: `--version printed ${JSON.stringify(version.stdout.toString())} ${version.stderr.toString()}` };
  const tools = Bun.spawnSync([alone, "tools"], { cwd: dir, env });
  const listed = tools.stdout.toString();
  if (tools.exitCode !== 0 || !/^GitHistory\b/m.test(listed)) return { ok: false, detail: `the sample tool did not load: ${tools.stderr.toString() || listed}` };
  return { ok: true, detail: `ran --version and loaded a user tool module` };
}
