import { expect, test } from "bun:test";
import { total } from "./cart.js";

test("total counts the quantity of each item", () => {
  expect(total([{ price: 2.5, quantity: 2 }, { price: 1, quantity: 3 }])).toBe(8);
});
