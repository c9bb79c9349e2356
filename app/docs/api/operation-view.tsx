import { useTranslations } from "next-intl";
import { RichText } from "./rich-text";
import { SchemaView, type Components } from "./schema-view";

export type Operation = {
  operationId: string;
  summary: string;
  description?: string;
  tags?: string[];
  "x-required-scope"?: string;
  parameters?: ({ $ref: string } | Parameter)[];
  requestBody?: { content: Record<string, { schema: Record<string, unknown>; example?: unknown }> };
  responses: Record<string, { $ref?: string; description?: string; content?: Record<string, { schema: Record<string, unknown>; example?: unknown }> }>;
};
type Parameter = { name: string; in: string; required?: boolean; description?: string; schema?: Record<string, unknown>; example?: unknown };

const methodColors: Record<string, string> = {
  get: "bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-300",
  post: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300",
  patch: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-300",
  put: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-300",
  delete: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300",
};

export function MethodBadge({ method }: { method: string }) {
  return <span className={`inline-block w-14 shrink-0 rounded px-1.5 py-0.5 text-center font-mono text-xs font-semibold uppercase ${methodColors[method] ?? ""}`}>{method}</span>;
}

function Example({ value, label }: { value: unknown; label: string }) {
  return (
    <figure className="mt-2">
      <figcaption className="text-xs font-medium text-zinc-500 dark:text-zinc-400">{label}</figcaption>
      <pre tabIndex={0} className="mt-1 max-h-96 overflow-auto rounded-lg bg-zinc-950 p-3 font-mono text-xs leading-relaxed text-zinc-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500">
        {typeof value === "string" ? value : JSON.stringify(value, null, 2)}
      </pre>
    </figure>
  );
}

function curlOf(method: string, path: string, serverUrl: string, operation: Operation): string {
  const lines = [`curl ${method === "get" ? "" : `-X ${method.toUpperCase()} `}"${serverUrl}${path}"`, `  -H "Authorization: Bearer $VENDOPS_API_KEY"`];
  const body = operation.requestBody?.content["application/json"]?.example;
  if (body !== undefined) {
    lines.push(`  -H "Content-Type: application/json"`, `  -H "Idempotency-Key: $(uuidgen)"`, `  -d '${JSON.stringify(body)}'`);
  }
  return lines.join(" \\\n");
}

/** One operation of the reference: what it does, its scope, parameters, body, answer and example. */
export function OperationView({
  method,
  path,
  operation,
  components,
  parameters,
  serverUrl,
  signed,
}: {
  method: string;
  path: string;
  operation: Operation;
  components: Components;
  parameters: Record<string, Parameter>;
  serverUrl: string;
  signed?: boolean;
}) {
  const t = useTranslations("docs.operation");
  const params = (operation.parameters ?? []).map((p) => ("$ref" in p ? parameters[p.$ref.split("/").at(-1)!]! : p));
  const okStatus = Object.keys(operation.responses).find((s) => s.startsWith("2"))!;
  const ok = operation.responses[okStatus]!;
  const okJson = ok.content?.["application/json"];
  const otherForms = Object.entries(ok.content ?? {}).filter(([type]) => type !== "application/json");
  const errors = Object.keys(operation.responses).filter((s) => !s.startsWith("2"));
  const body = operation.requestBody?.content["application/json"];
  return (
    <section id={operation.operationId} aria-labelledby={`${operation.operationId}-title`} className="scroll-mt-20 border-t border-zinc-200 py-8 dark:border-zinc-800">
      <h3 id={`${operation.operationId}-title`} className="text-lg font-semibold text-zinc-900 dark:text-zinc-50">
        {operation.summary}
      </h3>
      <p className="mt-2 flex flex-wrap items-center gap-2">
        <MethodBadge method={method} />
        <code className="break-all font-mono text-sm text-zinc-800 dark:text-zinc-200">{`/api/v1${path}`}</code>
      </p>
      {operation.description && <RichText text={operation.description} className="mt-3 max-w-3xl text-sm text-zinc-700 dark:text-zinc-300" />}
      <div className="mt-4 grid gap-6 xl:grid-cols-2">
        <div className="min-w-0">
          {params.length > 0 && (
            <>
              <h4 className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">{t("parameters")}</h4>
              <ul className="mt-1">
                {params.map((p) => (
                  <li key={`${p.in}-${p.name}`} className="border-b border-zinc-100 py-2 last:border-0 dark:border-zinc-800/60">
                    <div className="flex flex-wrap items-baseline gap-x-2">
                      <code className="font-mono text-sm font-medium text-zinc-900 dark:text-zinc-100">{p.name}</code>
                      <span className="text-xs text-zinc-500 dark:text-zinc-400">
                        {p.in}
                        {p.schema?.type ? ` · ${String(p.schema.type)}` : ""}
                        {p.schema?.default !== undefined ? t("default", { value: JSON.stringify(p.schema.default) }) : ""}
                      </span>
                      {p.required && <span className="text-xs font-medium text-amber-700 dark:text-amber-400">{t("required")}</span>}
                    </div>
                    {p.description && <RichText text={p.description} className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400" />}
                  </li>
                ))}
              </ul>
            </>
          )}
          {body && (
            <>
              <h4 className="mt-4 text-sm font-semibold text-zinc-900 dark:text-zinc-100">{t("requestBody")}</h4>
              <SchemaView schema={body.schema} components={components} />
            </>
          )}
          {okJson && (
            <>
              <h4 className="mt-4 text-sm font-semibold text-zinc-900 dark:text-zinc-100">{t("answer", { status: okStatus })}</h4>
              <SchemaView schema={okJson.schema} components={components} />
            </>
          )}
          {otherForms.map(([type, form]) => (
            <p key={type} className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
              {t.rich("alsoAs", { type, description: String(form.schema.description ?? ""), code: (chunks) => <code className="font-mono">{chunks}</code> })}
            </p>
          ))}
          <p className="mt-4 text-xs text-zinc-500 dark:text-zinc-400">{t("errors", { statuses: errors.join(", ") })}</p>
        </div>
        <div className="min-w-0">
          {!signed && <Example label={t("request")} value={curlOf(method, path, serverUrl, operation)} />}
          {body?.example !== undefined && <Example label={t("requestBody")} value={body.example} />}
          {okJson?.example !== undefined && <Example label={t("answer", { status: okStatus })} value={okJson.example} />}
        </div>
      </div>
    </section>
  );
}
