import { defineTool, LSP_TOOL, LspQuery, resolvePath } from "nanocode";

export default defineTool({
  name: LSP_TOOL,
  description: `Ask the project's language server about code instead of grepping for it. Operations:
- goToDefinition, goToImplementation: where the symbol at the position is defined or implemented
- findReferences: every use of the symbol at the position
- hover: its type and documentation
- documentSymbol: the file's outline (line and character are not used)
- workspaceSymbol: symbols across the project whose name matches query
- prepareCallHierarchy, incomingCalls, outgoingCalls: the function at the position, its callers, its callees
line and character are 1-based, as Read shows lines. Results are path:line:col lines with the source line.`,
  input: LspQuery,
  readOnly: true,
  async run(input, ctx) {
    const code = ctx.agent?.code;
    if (!code) return { content: "No language server is available in this session.", isError: true };
    const path = resolvePath(ctx.cwd, input.filePath);
    if (!ctx.canRead(path)) return { content: `Permission to read ${path} has been denied.`, isError: true };
    return code.query({ ...input, filePath: path }, ctx.signal, (p) => ctx.canRead(p));
  },
});
