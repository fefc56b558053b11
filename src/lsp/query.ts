import * as v from "valibot";

export const LSP_TOOL = "LSP";

export const LSP_OPERATIONS = ["goToDefinition", "findReferences", "hover", "documentSymbol", "workspaceSymbol", "goToImplementation", "prepareCallHierarchy", "incomingCalls", "outgoingCalls"] as const;

const Position = (what: string) => v.pipe(v.number(), v.integer(), v.minValue(1), v.description(`The ${what} (1-based, as shown in editors)`));

/** The LSP tool's input, with the names and fields of Claude Code's LSP tool. */
export const LspQuery = v.object({
  operation: v.pipe(v.picklist(LSP_OPERATIONS), v.description("The LSP operation to perform")),
  filePath: v.pipe(v.string(), v.description("The absolute or relative path to the file")),
  line: Position("line number"),
  character: Position("character offset"),
  query: v.optional(v.pipe(v.string(), v.description("workspaceSymbol only: the symbol name or part of it to search for"))),
});
export type LspQuery = v.InferOutput<typeof LspQuery>;
