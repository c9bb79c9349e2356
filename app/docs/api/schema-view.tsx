import { useTranslations } from "next-intl";
import { RichText } from "./rich-text";

type Schema = Record<string, unknown> & {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  description?: string;
  format?: string;
  title?: string;
};

export type Components = Record<string, Schema>;

const refName = (ref: string) => ref.split("/").at(-1)!;

function resolve(schema: Schema, components: Components): Schema {
  return schema.$ref ? (components[refName(schema.$ref)] ?? {}) : schema;
}

/** A short name for a schema's type: "string (date-time)", "Machine[]", "integer | null". */
function typeLabel(schema: Schema, components: Components): string {
  if (schema.$ref) return refName(schema.$ref);
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return union.map((s) => typeLabel(s, components)).join(" | ");
  if (schema.type === "array") return `${schema.items ? typeLabel(schema.items, components) : "any"}[]`;
  const type = Array.isArray(schema.type) ? schema.type.join(" | ") : (schema.type ?? "any");
  return schema.format ? `${type} (${schema.format})` : type;
}

/** The object a schema describes, if any (through a $ref, an array's items or a nullable union). */
function objectOf(schema: Schema, components: Components, depth: number): Schema | null {
  if (depth > 4) return null;
  const s = resolve(schema, components);
  if (s.properties) return s;
  if (s.type === "array" && s.items) return objectOf(s.items, components, depth + 1);
  const union = (s.anyOf ?? s.oneOf)?.filter((u) => u.type !== "null");
  if (union?.length === 1) return objectOf(union[0]!, components, depth + 1);
  return null;
}

/** A schema as a table of its fields, nested objects indented below their field. */
export function SchemaView({ schema, components, depth = 0 }: { schema: Schema; components: Components; depth?: number }) {
  const t = useTranslations("docs.operation");
  const object = objectOf(schema, components, 0);
  if (!object?.properties) {
    return <p className="font-mono text-xs text-zinc-600 dark:text-zinc-400">{typeLabel(schema, components)}</p>;
  }
  return (
    <ul className={depth > 0 ? "mt-2 border-l border-zinc-200 pl-3 dark:border-zinc-800" : ""}>
      {Object.entries(object.properties).map(([name, field]) => {
        const nested = depth < 3 ? objectOf(field, components, 0) : null;
        const description = field.description ?? resolve(field, components).description;
        return (
          <li key={name} className="border-b border-zinc-100 py-2 last:border-0 dark:border-zinc-800/60">
            <div className="flex flex-wrap items-baseline gap-x-2">
              <code className="font-mono text-sm font-medium text-zinc-900 dark:text-zinc-100">{name}</code>
              <span className="font-mono text-xs text-zinc-500 dark:text-zinc-400">{typeLabel(field, components)}</span>
              {object.required?.includes(name) && <span className="text-xs font-medium text-amber-700 dark:text-amber-400">{t("required")}</span>}
            </div>
            {description && <RichText text={description} className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400" />}
            {nested && <SchemaView schema={nested} components={components} depth={depth + 1} />}
          </li>
        );
      })}
    </ul>
  );
}
