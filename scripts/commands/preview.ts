import type { CommandSpec, ParsedCommand } from "../args";
export const previewSpec: CommandSpec = { name: "preview", summary: "x", usage: "", details: "", options: {}, readsFiles: true };
export async function runPreview(_cmd: ParsedCommand): Promise<number> { return 0; }
