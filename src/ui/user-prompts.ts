import type { Answers, PlanDecision, Question, UserPrompts } from "../registry/agent-api.ts";
import { renderMarkdown } from "./markdown.ts";
import type { Repl } from "./repl.ts";
import { SelectView } from "./select.ts";

/** AskUserQuestion and plan approval, asked in the REPL with the same choice view as permissions (Esc there stops the turn too). */
export class ReplUserPrompts implements UserPrompts {
  constructor(private readonly repl: Repl) {}

  async askQuestions(questions: Question[], signal: AbortSignal): Promise<Answers | undefined> {
    const answers: Answers = {};
    const s = this.repl.style;
    for (const q of questions) {
      const options = [...q.options.map((o) => ({ label: o.label, description: o.description })), { label: "Other", input: q.multiSelect ? "(type your answers, comma separated)" : "(type your answer)" }];
      const hint = q.multiSelect ? s.dim(" (pick one, or type several under Other)") : "";
      const choice = await this.repl.showForTurn(new SelectView([`${s.bold(`[${q.header}]`)} ${q.question}${hint}`], options), signal);
      if (!choice) return undefined;
      answers[q.question] = choice.index < q.options.length ? q.options[choice.index]!.label : choice.text.trim();
    }
    return answers;
  }

  async approvePlan(plan: string, signal: AbortSignal): Promise<PlanDecision> {
    const { style: s, columns } = this.repl;
    const title = [s.bold("Here is the plan:"), "", ...renderMarkdown(plan, s, columns - 4).map((l) => `  ${l}`), "", "Would you like to proceed?"];
    const options = [{ label: "Yes, and auto-accept edits" }, { label: "Yes, and manually approve edits" }, { label: "No, keep planning", input: "(tell nanocode what to change)" }];
    const choice = await this.repl.showForTurn(new SelectView(title, options), signal);
    if (!choice || choice.index === 2) return { approved: false, ...(choice?.text.trim() ? { feedback: choice.text.trim() } : {}) };
    return { approved: true, mode: choice.index === 0 ? "acceptEdits" : "default" };
  }
}
