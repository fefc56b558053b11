// Key-to-echo latency in the REPL while an answer streams: the compiled binary runs on a real pty
// (util-linux `script`), the scripted server streams a long answer slowly, and each keystroke is
// timed from the write to the pty until the frame showing it comes back. Run by bench/run.ts.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ScriptTurn } from "../src/model/script.ts";
import { startScriptedServer } from "../test/support/scripted-server.ts";

const KEYS = 40;

/** Median and worst key-to-echo latency (ms) over KEYS keystrokes typed while a response streams. */
export async function keyEchoLatency(binary: string): Promise<{ medianMs: number; maxMs: number }> {
  const work = mkdtempSync(join(tmpdir(), "nanocode-bench-keys-"));
  // About 8 s of streaming: 100 paragraphs, one event every 20 ms.
  const answer: ScriptTurn = Array.from({ length: 100 }, (_, i) => ({ type: "text" as const, text: `Paragraph ${i} with **some** Markdown and \`code\`.\n\n` }));
  const server = startScriptedServer({ workdir: work, turns: [answer], eventDelayMs: 20 });
  const proc = Bun.spawn(["script", "-qfec", `stty cols 100 rows 30; exec ${binary}`, "/dev/null"], {
    cwd: work,
    env: { PATH: process.env.PATH!, HOME: work, TERM: "xterm-256color", NANOCODE_CONFIG_DIR: join(work, ".config"), ANTHROPIC_API_KEY: "sk-bench", ANTHROPIC_BASE_URL: server.url },
    stdin: "pipe",
    stdout: "pipe",
    stderr: "ignore",
  });
  let output = "";
  let notify: (() => void) | undefined;
  void (async () => {
    const decoder = new TextDecoder();
    for await (const chunk of proc.stdout) {
      output += decoder.decode(chunk);
      notify?.();
    }
  })();
  const waitFor = async (text: string, from = 0) => {
    while (!output.includes(text, from)) await new Promise<void>((resolve) => (notify = resolve));
  };
  const send = (text: string) => {
    proc.stdin.write(text);
    proc.stdin.flush();
  };
  try {
    await waitFor("/help for commands");
    send("stream please\r");
    await waitFor("Paragraph 3");
    const samples: number[] = [];
    let typed = "";
    for (let i = 0; i < KEYS; i++) {
      const key = String.fromCharCode(97 + ((i * 7) % 26));
      typed += key;
      const from = output.length;
      const started = performance.now();
      send(key);
      await waitFor(typed, from);
      samples.push(performance.now() - started);
      await Bun.sleep(30);
    }
    if (!output.includes("Paragraph 9", output.length - 20_000) && !output.slice(-50_000).includes("Paragraph")) throw new Error("the answer was not streaming while keys were typed");
    if (process.env.BENCH_DEBUG) console.error(samples.map((s) => s.toFixed(1)).join(" "));
    samples.sort((a, b) => a - b);
    return { medianMs: samples[Math.floor(samples.length / 2)]!, maxMs: samples.at(-1)! };
  } finally {
    proc.kill("SIGKILL");
    server.stop();
    rmSync(work, { recursive: true, force: true });
  }
}
