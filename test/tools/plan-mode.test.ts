import { expect, test } from "bun:test";
import { ModeSwitch } from "../../src/agents/modes.ts";
import type { PermissionMode } from "../../src/permissions/gate.ts";
import type { AgentCapabilities, PlanDecision, UserPrompts } from "../../src/registry/agent-api.ts";
import enterPlanMode from "../../tools/enter-plan-mode.ts";
import exitPlanMode from "../../tools/exit-plan-mode.ts";
import { call, toolContext } from "./context.ts";

function session(mode: PermissionMode, decision?: PlanDecision) {
  const engine = { mode };
  const shown: string[] = [];
  const user: UserPrompts | undefined = decision && {
    askQuestions: async () => undefined,
    approvePlan: async (plan) => (shown.push(plan), decision),
  };
  const ctx = { ...toolContext(), agent: { modes: new ModeSwitch(engine), user } as unknown as AgentCapabilities };
  return { engine, shown, ctx };
}

test("entering plan mode remembers the mode it came from; an approved plan goes back to it", async () => {
  const { engine, shown, ctx } = session("acceptEdits", { approved: true });
  expect((await call(enterPlanMode, {}, ctx)).text).toStartWith("Entered plan mode.");
  expect(engine.mode).toBe("plan");
  expect((await call(enterPlanMode, {}, ctx)).text).toStartWith("Already in plan mode.");
  const result = await call(exitPlanMode, { plan: "1. do it" }, ctx);
  expect(shown).toEqual(["1. do it"]);
  expect(result.text).toStartWith("User has approved your plan. You can now start coding (permission mode: acceptEdits).");
  expect(engine.mode).toBe("acceptEdits");
});

test("the user may approve into another mode, or refuse with feedback and stay in plan mode", async () => {
  const into = session("plan", { approved: true, mode: "bypassPermissions" });
  await call(exitPlanMode, { plan: "p" }, into.ctx);
  expect(into.engine.mode).toBe("bypassPermissions");
  const refused = session("plan", { approved: false, feedback: "Keep the old API." });
  const result = await call(exitPlanMode, { plan: "p" }, refused.ctx);
  expect(result.isError).toBe(true);
  expect(result.text).toContain("plan mode stays on. Their feedback:\nKeep the old API.");
  expect(refused.engine.mode).toBe("plan");
});

test("without a user (print mode), plan mode the model entered ends, back to the mode the flags gave", async () => {
  const { engine, ctx } = session("dontAsk");
  await call(enterPlanMode, {}, ctx);
  expect((await call(exitPlanMode, { plan: "p" }, ctx)).text).toContain("(permission mode: dontAsk)");
  expect(engine.mode).toBe("dontAsk");
  expect(await call(exitPlanMode, { plan: "p" }, ctx)).toMatchObject({ isError: true, text: "Not in plan mode: there is nothing to approve. Go ahead with the task." });
});

test("without a user (print mode), plan mode the user chose (a flag, settings, /plan) stays on: the model cannot end it", async () => {
  const started = session("plan");
  const refused = await call(exitPlanMode, { plan: "p" }, started.ctx);
  expect(refused).toMatchObject({ isError: true });
  expect(refused.text).toStartWith("Plan mode was chosen by the user, and nobody is here to approve leaving it (print mode): it stays on.");
  expect(started.engine.mode).toBe("plan");
  // /plan in print mode switches the session's modes as the user.
  const typed = session("bypassPermissions");
  const modes = typed.ctx.agent!.modes!;
  modes.set("plan");
  expect((await call(exitPlanMode, { plan: "p" }, typed.ctx)).isError).toBe(true);
  expect(typed.engine.mode).toBe("plan");
  // Nor does the model's EnterPlanMode over the user's plan mode make it the model's.
  await call(enterPlanMode, {}, typed.ctx);
  expect(modes.planByModel).toBe(false);
});

test("the user switching to plan mode takes it over from the model; leaving it clears who entered it", () => {
  const modes = new ModeSwitch({ mode: "default" });
  modes.set("plan", "model");
  expect(modes.planByModel).toBe(true);
  modes.set("plan");
  expect(modes.planByModel).toBe(false);
  modes.leavePlan();
  modes.set("plan", "model");
  modes.leavePlan();
  expect([modes.current, modes.planByModel]).toEqual(["default", false]);
});

test("sub-agents have no mode to switch", async () => {
  const ctx = { ...toolContext(), agent: {} as AgentCapabilities };
  expect(await call(enterPlanMode, {}, ctx)).toMatchObject({ isError: true });
  expect(await call(exitPlanMode, { plan: "p" }, ctx)).toMatchObject({ isError: true });
});
