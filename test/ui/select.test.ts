import { expect, test } from "bun:test";
import { SelectView } from "../../src/ui/select.ts";

const permission = () => new SelectView(["Bash command"], [{ label: "Yes" }, { label: "Yes, and don't ask again" }, { label: "No", input: "(reason)" }]);

test("a digit picks its option at once; an option that takes text collects what is typed next", () => {
  expect(permission().handle({ name: "text", text: "1" })).toEqual({ result: { index: 0, text: "" } });
  const view = permission();
  expect(view.handle({ name: "text", text: "3" })).toBeUndefined();
  expect(view.handle({ name: "text", text: "2" })).toBeUndefined();
  expect(view.handle({ name: "text", text: " files are wrong" })).toBeUndefined();
  expect(view.handle({ name: "enter" })).toEqual({ result: { index: 2, text: "2 files are wrong" } });
});

test("keys typed ahead and read as one chunk are taken one at a time, never dropped into a Yes", () => {
  const view = permission();
  expect(view.handle({ name: "text", text: "3use the Write tool" })).toBeUndefined();
  expect(view.handle({ name: "enter" })).toEqual({ result: { index: 2, text: "use the Write tool" } });
  expect(permission().handle({ name: "text", text: "x2" })).toEqual({ result: { index: 1, text: "" } });
});
