import "server-only";
import { z } from "zod";

export type JsonSchema = Record<string, unknown>;

/**
 * Converts zod schemas to the JSON Schema (2020-12) an OpenAPI 3.1 document holds, collecting
 * every schema named with `.meta({ id })` into `components.schemas` and pointing to it there. The
 * request side (`io: "input"`) of a named schema is kept as `<Name>Input` when it differs.
 */
export class SchemaCollector {
  readonly components: Record<string, JsonSchema> = {};

  convert(schema: z.ZodType, io: "input" | "output"): JsonSchema {
    const raw = z.toJSONSchema(schema, { io, target: "draft-2020-12", unrepresentable: "any" }) as JsonSchema;
    const defs = (raw.$defs ?? {}) as Record<string, JsonSchema>;
    delete raw.$defs;
    delete raw.$schema;
    const rename = new Map<string, string>();
    for (const [name, def] of Object.entries(defs)) {
      const existing = this.components[name];
      const target = !existing || JSON.stringify(existing) === JSON.stringify(def) || io === "output" ? name : `${name}Input`;
      rename.set(name, target);
    }
    const fix = (node: unknown): unknown => {
      if (Array.isArray(node)) return node.map(fix);
      if (!node || typeof node !== "object") return node;
      const out: JsonSchema = {};
      for (const [k, v] of Object.entries(node)) {
        if (k === "$ref" && typeof v === "string" && v.startsWith("#/$defs/")) {
          const name = v.slice("#/$defs/".length);
          out.$ref = `#/components/schemas/${rename.get(name) ?? name}`;
        } else out[k] = fix(v);
      }
      return out;
    };
    for (const [name, def] of Object.entries(defs)) {
      const target = rename.get(name)!;
      if (!this.components[target] || io === "output") this.components[target] = fix(def) as JsonSchema;
    }
    return fix(raw) as JsonSchema;
  }
}

/** Is a field required (it has neither a default nor accepts absence)? */
export function isRequired(schema: z.ZodType): boolean {
  return !schema.safeParse(undefined).success;
}

/** Moves a top-level `description` and `example` of a parameter's schema to the parameter. */
export function splitParameterSchema(schema: JsonSchema): { schema: JsonSchema; description?: string; example?: unknown } {
  const { description, example, examples, ...rest } = schema as JsonSchema & { description?: string; example?: unknown; examples?: unknown[] };
  return { schema: rest, description, example: example ?? examples?.[0] };
}
