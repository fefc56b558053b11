import { expect, test } from "bun:test";
import { jsonErrorPlace } from "../../src/config/json-spans.ts";
test("the scanner reports where JSON breaks", () => {
  expect(jsonErrorPlace('{"a": [1, 2]}')).toBeUndefined();
  expect(jsonErrorPlace('{\n  "a": [1,]\n}')).toEqual({ line: 2, column: 11, message: "trailing comma before ']'" });
  expect(jsonErrorPlace('{\n  "a": 1\n  "b": 2\n}')).toEqual({ line: 3, column: 3, message: "expected ',' or '}', found '\"'" });
  expect(jsonErrorPlace('{"a": 1')).toEqual({ line: 1, column: 8, message: "expected ',' or '}', found end of file" });
  expect(jsonErrorPlace("{a: 1}")?.message).toContain("property name");
  expect(jsonErrorPlace('{"a": tru}')?.message).toContain("unexpected");
});
