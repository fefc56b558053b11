import { chmod, mkdtemp, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import pkg from "../../package.json" with { type: "json" };
import { platformName } from "../sdk/executable.ts";
import { DEFAULT_RELEASE_URL } from "./release-url.ts";


/** `1.2.10` > `1.2.9`; a pre-release (`1.3.0-rc.1`) is older than its release. */
export function newerThan(a: string, b: string): boolean {
  const parts = (s: string) => {
    const [core = "", pre] = s.trim().replace(/^v/, "").split("-", 2);
    return { nums: core.split(".").map(Number), pre };
  };
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) if ((x.nums[i] ?? 0) !== (y.nums[i] ?? 0)) return (x.nums[i] ?? 0) > (y.nums[i] ?? 0);
  if (x.pre === y.pre) return false;
  return x.pre === undefined || (y.pre !== undefined && x.pre > y.pre);
}

class UpdateError extends Error {}

async function fetchOk(url: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new UpdateError(`cannot reach ${url} (${(error as Error).message})`);
  }
  if (!response.ok) throw new UpdateError(`${url}: HTTP ${response.status}`);
  return response;
}

/** The binary inside a release archive (tar.gz; Windows' zip goes through the system's tar). */
async function unpack(archive: Uint8Array, name: string, exe: string): Promise<Uint8Array> {
  if (name.endsWith(".tar.gz")) {
    const file = (await new Bun.Archive(archive).files()).get(exe);
    if (!file) throw new UpdateError(`${name} holds no ${exe}`);
    return new Uint8Array(await file.arrayBuffer());
  }
  const dir = await mkdtemp(join(tmpdir(), "nanocode-update-"));
  try {
    await writeFile(join(dir, name), archive);
    const tar = Bun.spawnSync(["tar", "-xf", name, exe], { cwd: dir, stderr: "pipe" });
    if (tar.exitCode !== 0) throw new UpdateError(`cannot unpack ${name}: ${tar.stderr.toString().trim()}`);
    return new Uint8Array(await Bun.file(join(dir, exe)).arrayBuffer());
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * `nanocode update`: asks the release URL for the latest version and, when it is newer, downloads
 * the archive for this very build (same OS, CPU, libc, baseline or not), checks it against
 * SHA256SUMS, makes sure the new binary runs, and renames it over the running one: at every moment
 * the path holds a complete, working nanocode.
 */
export async function runUpdate(env = process.env): Promise<number> {
  const say = (text: string) => process.stdout.write(`${text}\n`);
  try {
    const self = process.execPath;
    if (!Bun.main.startsWith("/$bunfs/") && !Bun.main.startsWith("B:\\~BUN\\")) throw new UpdateError("only an installed nanocode binary can update itself (this is a development run)");
    if (self.split(/[\\/]/).includes("node_modules")) throw new UpdateError("this nanocode was installed with npm: run npm i -g nanocode@latest");
    const base = (env.NANOCODE_RELEASE_URL || DEFAULT_RELEASE_URL).replace(/\/$/, "");
    const latest = (await (await fetchOk(`${base}/VERSION`)).text()).trim();
    if (!/^v?\d+\.\d+\.\d+/.test(latest)) throw new UpdateError(`${base}/VERSION does not hold a version: ${JSON.stringify(latest.slice(0, 40))}`);
    if (!newerThan(latest, pkg.version)) {
      say(`nanocode ${pkg.version} is up to date (latest: ${latest}).`);
      return 0;
    }
    const target = process.env.NANOCODE_BUILD_TARGET || platformName();
    const windows = target.startsWith("windows");
    const name = `nanocode-${target}.${windows ? "zip" : "tar.gz"}`;
    const sums = await (await fetchOk(`${base}/SHA256SUMS`)).text();
    const expected = sums.split("\n").find((line) => line.trim().endsWith(`  ${name}`))?.split(/\s+/)[0];
    if (!expected) throw new UpdateError(`${name} is not listed in ${base}/SHA256SUMS`);
    say(`Downloading nanocode ${latest} (${name})…`);
    const archive = new Uint8Array(await (await fetchOk(`${base}/${name}`)).arrayBuffer());
    const actual = new Bun.CryptoHasher("sha256").update(archive).digest("hex");
    if (actual !== expected) throw new UpdateError(`checksum mismatch for ${name} (expected ${expected}, got ${actual}): nothing was changed`);
    const binary = await unpack(archive, name, windows ? "nanocode.exe" : "nanocode");

    // The new file goes beside the old one (same filesystem), so the final rename is atomic.
    const fresh = join(dirname(self), `.${basename(self)}.update-${process.pid}`);
    await writeFile(fresh, binary, { mode: 0o755 });
    try {
      await chmod(fresh, 0o755);
      const check = Bun.spawnSync([fresh, "--version"], { stdout: "pipe", stderr: "pipe" });
      if (!check.stdout.toString().startsWith(`${latest.replace(/^v/, "")} `)) throw new UpdateError(`the downloaded binary does not run here (${(check.stderr.toString() || check.stdout.toString()).trim() || `exit ${check.exitCode}`}): nothing was changed`);
      // Windows cannot replace a running executable, but can rename it out of the way.
      if (windows) await rename(self, `${self}.old`);
      await rename(fresh, self);
    } catch (error) {
      await rm(fresh, { force: true });
      throw error;
    }
    say(`Updated nanocode ${pkg.version} → ${latest.replace(/^v/, "")} (${self}).`);
    return 0;
  } catch (error) {
    if (!(error instanceof UpdateError)) throw error;
    process.stderr.write(`Error: update: ${error.message}\n`);
    return 1;
  }
}
