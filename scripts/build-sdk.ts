// The SDK as the npm package ships it: src/sdk.ts bundled to one plain ES module for Node and Bun,
// plus its type declarations.
import { rm } from "node:fs/promises";
import { join } from "node:path";

const ROOT = join(import.meta.dir, "..");

/** Writes `<outdir>/sdk.js` and `<outdir>/sdk.d.ts` (with the declarations it refers to). */
export async function buildSdk(outdir: string): Promise<void> {
  await rm(outdir, { recursive: true, force: true });
  const result = await Bun.build({ entrypoints: [join(ROOT, "src/sdk.ts")], outdir, target: "node", format: "esm", sourcemap: "none" });
  if (!result.success) throw new AggregateError(result.logs, "SDK build failed");
  const tsc = Bun.spawnSync(
    [join(ROOT, "node_modules/.bin/tsc"), "--ignoreConfig", "--declaration", "--emitDeclarationOnly", "--strict", "--skipLibCheck", "--target", "esnext", "--module", "nodenext", "--moduleResolution", "nodenext", "--allowImportingTsExtensions", "--types", "node", "--rootDir", join(ROOT, "src"), "--outDir", outdir, join(ROOT, "src/sdk.ts")],
    { cwd: ROOT, stdout: "pipe", stderr: "pipe" },
  );
  if (tsc.exitCode !== 0) throw new Error(`SDK declarations failed:\n${tsc.stdout.toString()}${tsc.stderr.toString()}`);
}

if (import.meta.main) {
  await buildSdk(join(ROOT, "dist", "sdk"));
  console.log("dist/sdk/sdk.js, dist/sdk/sdk.d.ts");
}
