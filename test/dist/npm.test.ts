// The npm layout (NANOCODE_DIST_TESTS=1, after `bun run build --all`): `npm i -g` of the packed
// `nanocode` package and this machine's platform package installs a working `nanocode` command,
// and the SDK of that install finds the binary by itself.

import { describe, expect, test } from "bun:test";
import { rmSync } from "node:fs";
import { join } from "node:path";
import pkg from "../../package.json" with { type: "json" };
import { ROOT } from "../../scripts/ensure-binary.ts";
import { platformName } from "../../src/sdk/executable.ts";
import { tempDir } from "../support/tmp.ts";

describe.if(process.env.NANOCODE_DIST_TESTS === "1")("npm i -g nanocode", () => {
  test("installs the launcher and the native binary of this platform; the SDK finds it", async () => {
    const work = tempDir("nanocode-npm-");
    const npm = (...args: string[]) => {
      const proc = Bun.spawnSync(["npm", ...args], { cwd: work, stdout: "pipe", stderr: "pipe", env: { ...process.env, npm_config_cache: join(work, ".npm") } });
      if (proc.exitCode !== 0) throw new Error(`npm ${args.join(" ")}: ${proc.stderr.toString()}`);
      return proc.stdout.toString();
    };
    const manifest = JSON.parse(await Bun.file(join(ROOT, "dist/npm/nanocode/package.json")).text());
    expect(Object.keys(manifest.optionalDependencies).sort()).toEqual(
      ["darwin-arm64", "darwin-x64", "linux-arm64", "linux-arm64-musl", "linux-x64", "linux-x64-musl", "windows-x64"].map((n) => `nanocode-${n}`),
    );
    npm("pack", "--silent", join(ROOT, "dist/npm/nanocode"), join(ROOT, `dist/npm/nanocode-${platformName()}`));
    // Offline: the other platforms' optional packages are skipped, as npm skips those that do not fit.
    npm("install", "-g", "--prefix", join(work, "prefix"), "--offline", "--no-audit", "--no-fund", `./nanocode-${platformName()}-${pkg.version}.tgz`, `./nanocode-${pkg.version}.tgz`);
    const nanocode = join(work, "prefix", "bin", "nanocode");
    expect(Bun.spawnSync([nanocode, "--version"]).stdout.toString()).toBe(`${pkg.version} (nanocode)\n`);
    const find = Bun.spawnSync(["node", "--input-type=module", "-e", 'import { findNanocode } from "nanocode"; console.log(findNanocode(undefined, {}))'], {
      cwd: join(work, "prefix", "lib"),
      stdout: "pipe",
      stderr: "pipe",
    });
    expect(find.stdout.toString().trim()).toBe(join(work, "prefix", "lib", "node_modules", `nanocode-${platformName()}`, "bin", "nanocode"));
    rmSync(work, { recursive: true, force: true });
  }, 120_000);
});
