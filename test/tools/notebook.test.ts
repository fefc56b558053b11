import { expect, test } from "bun:test";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import notebookEdit from "../../tools/notebook-edit.ts";
import read from "../../tools/read.ts";
import { call, toolContext } from "./context.ts";

// As Jupyter writes it: one-space indent, sources as lists of lines, keys sorted.
const NOTEBOOK = `{
 "cells": [
  {
   "cell_type": "markdown",
   "id": "intro",
   "metadata": {},
   "source": [
    "# Title\\n",
    "Some text"
   ]
  },
  {
   "cell_type": "code",
   "execution_count": 3,
   "id": "calc",
   "metadata": {
    "tags": []
   },
   "outputs": [
    {
     "name": "stdout",
     "output_type": "stream",
     "text": [
      "42\\n"
     ]
    },
    {
     "data": {
      "image/png": "iVBORw0KGgo=",
      "text/plain": [
       "<Figure>"
      ]
     },
     "metadata": {},
     "output_type": "display_data"
    }
   ],
   "source": [
    "x = 6 * 7\\n",
    "print(x)"
   ]
  }
 ],
 "metadata": {
  "kernelspec": {
   "display_name": "Python 3",
   "language": "python",
   "name": "python3"
  }
 },
 "nbformat": 4,
 "nbformat_minor": 5
}
`;

function setup() {
  const ctx = toolContext();
  const path = join(ctx.cwd, "nb.ipynb");
  writeFileSync(path, NOTEBOOK);
  return { ctx, path };
}

test("Read shows cells with ids, types, sources and outputs; images as image blocks", async () => {
  const { ctx, path } = setup();
  const { content } = await call(read, { file_path: path }, ctx);
  expect(content).toEqual([
    { type: "text", text: '<cell id="intro"><cell_type>markdown</cell_type># Title\nSome text</cell id="intro">\n<cell id="calc">x = 6 * 7\nprint(x)</cell id="calc">\n42\n<Figure>\n' },
    { type: "image", source: { type: "base64", media_type: "image/png", data: "iVBORw0KGgo=" } },
  ]);
});

test("replace changes only that cell (outputs cleared), the rest stays byte-identical", async () => {
  const { ctx, path } = setup();
  expect((await call(notebookEdit, { notebook_path: path, cell_id: "calc", new_source: "y" }, ctx)).text).toContain("Read it first");
  await call(read, { file_path: path }, ctx);
  expect((await call(notebookEdit, { notebook_path: path, cell_id: "calc", new_source: "y = 1\nprint(y)\n" }, ctx)).text).toBe("Updated cell calc with y = 1\nprint(y)\n");
  const start = NOTEBOOK.indexOf('   "execution_count": 3');
  const end = NOTEBOOK.indexOf("  }\n ],\n");
  const expected = `${NOTEBOOK.slice(0, start)}   "execution_count": null,
   "id": "calc",
   "metadata": {
    "tags": []
   },
   "outputs": [],
   "source": [
    "y = 1\\n",
    "print(y)\\n"
   ]
${NOTEBOOK.slice(end)}`;
  expect(readFileSync(path, "utf8")).toBe(expected);
});

test("insert after a cell (or first), delete, and clear errors", async () => {
  const { ctx, path } = setup();
  await call(read, { file_path: path }, ctx);
  const inserted = await call(notebookEdit, { notebook_path: path, cell_id: "intro", new_source: "## Part 2", cell_type: "markdown", edit_mode: "insert" }, ctx);
  const id = /Inserted cell (\w+)/.exec(inserted.text)![1]!;
  const nb = JSON.parse(readFileSync(path, "utf8"));
  expect(nb.cells.map((c: { id: string }) => c.id)).toEqual(["intro", id, "calc"]);
  expect(nb.cells[1]).toEqual({ cell_type: "markdown", id, metadata: {}, source: ["## Part 2"] });
  expect(readFileSync(path, "utf8")).toContain(`  },\n  {\n   "cell_type": "markdown",\n   "id": "${id}",\n   "metadata": {},\n   "source": [\n    "## Part 2"\n   ]\n  },\n  {\n   "cell_type": "code"`);

  await call(notebookEdit, { notebook_path: path, new_source: "import os", cell_type: "code", edit_mode: "insert" }, ctx);
  expect(JSON.parse(readFileSync(path, "utf8")).cells[0]).toMatchObject({ cell_type: "code", execution_count: null, outputs: [], source: ["import os"] });

  expect((await call(notebookEdit, { notebook_path: path, cell_id: id, new_source: "", edit_mode: "delete" }, ctx)).text).toBe(`Deleted cell ${id}`);
  expect(JSON.parse(readFileSync(path, "utf8")).cells.map((c: { id: string }) => c.id)).toEqual([expect.any(String), "intro", "calc"]);

  expect((await call(notebookEdit, { notebook_path: path, cell_id: "nope", new_source: "x" }, ctx)).text).toContain('Cell with ID "nope" not found');
  expect((await call(notebookEdit, { notebook_path: path, new_source: "x", edit_mode: "insert" }, ctx)).text).toContain("cell_type is required");
  expect((await call(notebookEdit, { notebook_path: join(ctx.cwd, "a.py"), new_source: "x" }, ctx)).text).toContain(".ipynb");
});

test("deleting every cell leaves valid JSON, and cell-N ids address cells without ids", async () => {
  const ctx = toolContext();
  const path = join(ctx.cwd, "old.ipynb");
  writeFileSync(path, JSON.stringify({ cells: [{ cell_type: "code", source: "a", outputs: [], execution_count: 1, metadata: {} }, { cell_type: "code", source: "b", outputs: [], execution_count: 2, metadata: {} }], metadata: {}, nbformat: 4, nbformat_minor: 2 }, null, 1));
  await call(read, { file_path: path }, ctx);
  await call(notebookEdit, { notebook_path: path, cell_id: "cell-1", new_source: "B" }, ctx);
  expect(JSON.parse(readFileSync(path, "utf8")).cells[1].source).toBe("B");
  await call(notebookEdit, { notebook_path: path, cell_id: "cell-0", new_source: "", edit_mode: "delete" }, ctx);
  await call(notebookEdit, { notebook_path: path, cell_id: "cell-0", new_source: "", edit_mode: "delete" }, ctx);
  expect(JSON.parse(readFileSync(path, "utf8")).cells).toEqual([]);
});
