/** `grunnmur schema`: writes or checks the JSON Schemas generated from the zod schemas. */
import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import type { CommandSpec, ParsedCommand } from "../args";
import { SCHEMA_DIR } from "../../tenants/paths";
import { platformSchema } from "../../tenants/schema/platform";
import { tenantSchema } from "../../tenants/schema/tenant";
import { catalogueSchema } from "../../tenants/schema/catalogue";
import { waiverPolicyName } from "../../tenants/schema/fields";
import { POLICY_NAMES } from "../../policies/pack";

export const schemaSpec: CommandSpec = {
  name: "schema",
  summary: "write or check the JSON Schemas editors use for tenant and platform files",
  usage: "grunnmur schema [--write | --check]",
  details: [
    "The zod schemas in tenants/schema/ are the source of truth; the JSON Schemas",
    "next to them are generated. --check exits 1 when a committed one is stale.",
    "",
    "Options:",
    "  --write            regenerate tenants/schema/*.schema.json",
    "  --check            compare the committed files with freshly generated ones",
  ].join("\n"),
  options: { write: { type: "boolean" }, check: { type: "boolean" } },
  readsFiles: false,
};

/** The generated JSON Schema files, by file name, as their exact text. */
export function generatedSchemas(): Record<string, string> {
  // Editors complete and check waiver policy names from the pack the schema itself does not import.
  const override = (ctx: { zodSchema: unknown; jsonSchema: Record<string, unknown> }) => {
    if (ctx.zodSchema === waiverPolicyName) ctx.jsonSchema.enum = [...POLICY_NAMES];
  };
  const render = (schema: z.ZodType, id: string) =>
    `${JSON.stringify({ ...z.toJSONSchema(schema, { io: "input", unrepresentable: "any", override }), $id: id }, null, 2)}\n`;
  return {
    "tenant.schema.json": render(tenantSchema, "https://grunnmur.example/schema/tenant.schema.json"),
    "platform.schema.json": render(platformSchema, "https://grunnmur.example/schema/platform.schema.json"),
    "catalogue.schema.json": render(catalogueSchema, "https://grunnmur.example/schema/catalogue.schema.json"),
  };
}

export function staleSchemas(dir = SCHEMA_DIR): string[] {
  return Object.entries(generatedSchemas())
    .filter(([file, text]) => {
      const full = path.join(dir, file);
      return !fs.existsSync(full) || fs.readFileSync(full, "utf8") !== text;
    })
    .map(([file]) => file);
}

export function runSchema(cmd: ParsedCommand): number {
  if (cmd.values.write) {
    for (const [file, text] of Object.entries(generatedSchemas())) {
      fs.writeFileSync(path.join(SCHEMA_DIR, file), text);
      console.log(`wrote ${path.join("tenants", "schema", file)}`);
    }
    return 0;
  }
  const stale = staleSchemas();
  if (stale.length > 0) {
    console.error(`Stale: ${stale.join(", ")}. Run "npm run schema" and commit the result.`);
    return 1;
  }
  console.log("The JSON Schemas match the zod schemas.");
  return 0;
}
