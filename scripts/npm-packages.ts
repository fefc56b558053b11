// The npm layout, as Claude Code's and opencode's: `nanocode` holds the SDK and a small launcher,
// and lists one package per platform as optional dependencies; npm installs only the one whose
// os/cpu/libc fit the machine, so `npm i -g nanocode` brings exactly one native binary.
import { chmodSync, copyFileSync, linkSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Target } from "./build.ts";
import { buildSdk } from "./build-sdk.ts";

const ROOT = join(import.meta.dir, "..");

const json = (path: string, value: unknown) => Bun.write(path, `${JSON.stringify(value, null, 2)}\n`);

/** Baseline builds are for old CPUs only; npm cannot tell CPU features apart, so they ship as archives. */
export const npmTargets = (targets: Target[]) => targets.filter((t) => !t.name.includes("baseline"));

export async function writePlatformPackage(npmDir: string, t: Target, binary: string, version: string): Promise<string> {
  const dir = join(npmDir, `nanocode-${t.name}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, "bin"), { recursive: true });
  const exe = join(dir, "bin", t.os === "win32" ? "nanocode.exe" : "nanocode");
  // A hard link, not a third copy of a 100 MB file (npm packs it as a regular file).
  try {
    linkSync(binary, exe);
  } catch {
    copyFileSync(binary, exe);
  }
  chmodSync(exe, 0o755);
  await json(join(dir, "package.json"), {
    name: `nanocode-${t.name}`,
    version,
    description: `The nanocode binary for ${t.name} (installed by the nanocode package).`,
    license: "MIT",
    os: [t.os],
    cpu: [t.cpu],
    ...(t.libc ? { libc: [t.libc] } : {}),
    files: ["bin"],
    preferUnplugged: true,
  });
  return dir;
}

/** The `nanocode` package: SDK (library entry, plain JS + types), launcher (`bin`), platform packages. */
export async function writeMainPackage(dir: string, version: string, targets: Target[]): Promise<void> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, "bin"), { recursive: true });
  await buildSdk(join(dir, "sdk"));
  const launcher = await Bun.build({
    entrypoints: [join(ROOT, "src/sdk/launcher.ts")],
    target: "node",
    format: "esm",
    banner: "#!/usr/bin/env node",
  });
  if (!launcher.success) throw new AggregateError(launcher.logs, "launcher build failed");
  await Bun.write(join(dir, "bin", "nanocode.js"), launcher.outputs[0]!);
  chmodSync(join(dir, "bin", "nanocode.js"), 0o755);
  const sdk = { types: "./sdk/sdk.d.ts", default: "./sdk/sdk.js" };
  await json(join(dir, "package.json"), {
    name: "nanocode",
    version,
    description: "A small, fast coding agent for the terminal: the CLI, and an SDK to run it from your programs.",
    license: "MIT",
    type: "module",
    bin: { nanocode: "bin/nanocode.js" },
    main: "./sdk/sdk.js",
    types: "./sdk/sdk.d.ts",
    exports: { ".": sdk, "./sdk": sdk, "./package.json": "./package.json" },
    files: ["bin", "sdk"],
    engines: { node: ">=18" },
    optionalDependencies: Object.fromEntries(npmTargets(targets).map((t) => [`nanocode-${t.name}`, version])),
  });
  copyFileSync(join(ROOT, "LICENSE"), join(dir, "LICENSE"));
  await Bun.write(
    join(dir, "README.md"),
    `# nanocode\n\nA small, fast coding agent for the terminal.\n\n\`\`\`sh\nnpm i -g nanocode\nnanocode -p "explain this repo"\n\`\`\`\n\nAs a library (Node 18+ or Bun):\n\n\`\`\`js\nimport { query } from "nanocode";\n\nfor await (const message of query({ prompt: "list the TODOs", options: { allowedTools: ["Read", "Grep"] } })) {\n  if (message.type === "result") console.log(message.result);\n}\n\`\`\`\n\nThe messages are those of \`nanocode -p --output-format stream-json\`. npm installs the native binary for your platform\nfrom the package \`nanocode-<os>-<arch>\`.\n`,
  );
}
