import { defineCommand } from "nanocode";

const ago = (date: Date) => {
  const minutes = Math.round((Date.now() - date.getTime()) / 60_000);
  return minutes < 60 ? `${minutes}m ago` : minutes < 48 * 60 ? `${Math.round(minutes / 60)}h ago` : `${Math.round(minutes / 1440)}d ago`;
};

export default defineCommand({
  name: "resume",
  aliases: ["continue"],
  argumentHint: "[session id or search term]",
  description: "Continue an earlier conversation of this directory",
  async run(args, ctx) {
    const ui = ctx.ui;
    if (!ui) return "/resume works in the interactive session; use --resume <id> or --continue in print mode.";
    const term = args.trim();
    const earlier = ui.sessions().filter((s) => !s.current);
    // An id (or the start of one, as the picker shows it) resumes at once; other words narrow the picker.
    const byId = earlier.filter((s) => s.id === term || (term.length >= 4 && s.id.startsWith(term)));
    let id = byId.length === 1 ? byId[0]!.id : undefined;
    if (!id) {
      const shown = term ? earlier.filter((s) => s.title.toLowerCase().includes(term.toLowerCase())) : earlier;
      // Not this directory's: another project's session id, or the path of a session file.
      if (term && shown.length === 0) id = term;
      else if (shown.length === 0) return "No earlier conversation in this directory.";
      else {
        const pick = await ui.choose(
          term ? `Resume which conversation? (matching "${term}")` : "Resume which conversation?",
          shown.slice(0, 20).map((s) => ({ label: s.title || "(no prompt)", description: `${ago(s.modifiedAt)} · ${s.id.slice(0, 8)}` })),
        );
        if (pick === undefined) return;
        id = shown[pick]!.id;
      }
    }
    await ui.resume(id);
    const now = (await ctx.session?.())?.id;
    return ui.style.dim(now && now !== id && !id.endsWith(".jsonl") ? `Resumed ${id} as a new session ${now} (--fork-session: the original stays as it was).` : `Resumed ${id}.`);
  },
});
