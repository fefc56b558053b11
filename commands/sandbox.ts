import { defineCommand } from "nanocode";

const CHOICES = [
  { label: "Sandbox with auto-allow", description: "Bash commands run in the sandbox without a prompt; deny and ask rules still apply", set: { enabled: true, autoAllow: true } },
  { label: "Sandbox with the usual prompts", description: "Bash commands run in the sandbox and still ask as before", set: { enabled: true, autoAllow: false } },
  { label: "No sandbox", description: "Bash commands run as they are, with the usual prompts", set: { enabled: false } },
];

export default defineCommand({
  name: "sandbox",
  description: "Show the OS sandbox for Bash commands and turn it on or off (on | off | auto | prompt)",
  async run(args, ctx) {
    const session = await ctx.session?.();
    const sandbox = session?.sandbox;
    if (!sandbox) return "No sandbox in this session.";
    const word = args.trim().toLowerCase();
    const named = { on: CHOICES[0], auto: CHOICES[0], prompt: CHOICES[1], off: CHOICES[2] }[word];
    if (word && !named) return `Unknown /sandbox argument "${word}": use on, off, auto or prompt.`;
    const picked = named ?? (ctx.ui && !word ? CHOICES[(await ctx.ui.choose("Sandbox for Bash commands", CHOICES)) ?? -1] : undefined);
    if (picked) await sandbox.set(picked.set);
    const available = await sandbox.availability();
    const state = !sandbox.enabled ? "off" : sandbox.autoAllow ? "on, auto-allow (sandboxed commands run without a prompt)" : "on, with the usual prompts";
    const lines = [`Sandbox: ${state}${picked ? " (saved in .nanocode/settings.local.json)" : ""}`];
    lines.push(available.available ? `Works here: ${available.program}` : `Unavailable here: ${available.why}${sandbox.enabled ? "; Bash commands run unsandboxed" : ""}`);
    if (sandbox.enabled) lines.push(...(await sandbox.describe()));
    if (!picked) lines.push("", "/sandbox on|off|auto|prompt switches it; the settings are the sandbox keys of settings.json, as in Claude Code.");
    return lines.join("\n");
  },
});
