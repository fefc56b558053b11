// Compiles nanocode into standalone binaries: `bun run build` for this machine (dist/nanocode),
// `bun run build --all` for every target plus SHA256SUMS.
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { builtinPlugin } from "../src/registry/builtin-plugin.ts";

const ROOT = join(import.meta.dir, "..");
const DIST = join(ROOT, "dist");

export const TARGETS = [
  { target: "bun-linux-x64", name: "nanocode-linux-x64" },
  { target: "bun-linux-arm64", name: "nanocode-linux-arm64" },
  { target: "bun-darwin-x64", name: "nanocode-darwin-x64" },
  { target: "bun-darwin-arm64", name: "nanocode-darwin-arm64" },
  { target: "bun-windows-x64", name: "nanocode-windows-x64.exe" },
] as const;

export async function compile(outfile: string, target?: string): Promise<void> {
  const result = await Bun.build({
    entrypoints: [join(ROOT, "src/cli.ts")],
    compile: target ? { outfile, target: target as Bun.Build.CompileTarget } : { outfile },
    minify: true,
    bytecode: true,
    // Split chunks load when first imported: code behind a lazy import (MCP SDK and zod, PDF and
    // image libraries, tree-sitter) is then neither parsed nor held in memory until it is used.
    // One big chunk cost ~8 MiB of RSS and ~10 ms of start-up for code most runs never touch.
    format: "esm",
    splitting: true,
    sourcemap: "none",
    plugins: [builtinPlugin],
  });
  if (!result.success) {
    for (const log of result.logs) console.error(log);
    throw new Error(`build failed for ${target ?? "host"}`);
  }
}

async function sha256(path: string): Promise<string> {
  const hasher = new Bun.CryptoHasher("sha256");
  hasher.update(await Bun.file(path).arrayBuffer());
  return hasher.digest("hex");
}

async function main(): Promise<void> {
  await mkdir(DIST, { recursive: true });
  if (!process.argv.includes("--all")) {
    const started = performance.now();
    await compile(join(DIST, "nanocode"));
    console.log(`dist/nanocode (${Math.round(performance.now() - started)} ms)`);
    return;
  }
  const sums: string[] = [];
  for (const { target, name } of TARGETS) {
    const out = join(DIST, name);
    await rm(out, { force: true });
    await compile(out, target);
    sums.push(`${await sha256(out)}  ${name}`);
    console.log(`dist/${name}`);
  }
  await Bun.write(join(DIST, "SHA256SUMS"), `${sums.join("\n")}\n`);
  console.log("dist/SHA256SUMS");
}

if (import.meta.main) await main();
