import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Logo } from "~/app/_components/ui/logo";
import { openApiDocument } from "~/server/api";
import { requestOrigin } from "~/server/payments";
import { MethodBadge, OperationView, type Operation } from "./operation-view";
import { RichText } from "./rich-text";
import { SchemaView, type Components } from "./schema-view";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("docs"))("meta") };
}
export const dynamic = "force-dynamic";

type Doc = {
  info: { title: string; version: string; description: string };
  tags: { name: string; description?: string }[];
  paths: Record<string, Record<string, Operation>>;
  webhooks: Record<string, { post: Operation }>;
  components: { schemas: Components; parameters: Record<string, never> };
};

/** The API reference: every operation, the machine protocol and the webhook events, from the OpenAPI document. */
export default async function ApiReference() {
  const origin = requestOrigin(await headers()) ?? "http://localhost:3000";
  const serverUrl = `${origin}/api/v1`;
  const doc = openApiDocument({ serverUrl }) as unknown as Doc;
  const operations = Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, operation]) => ({ path, method, operation })));
  const byTag = doc.tags.map((tag) => ({ ...tag, operations: operations.filter((o) => o.operation.tags?.[0] === tag.name) }));
  const slug = (name: string) => name.toLowerCase().replace(/\W+/g, "-");
  const t = await getTranslations("docs");
  const contents = [...byTag.map((tag) => ({ id: slug(tag.name), name: tag.name })), { id: "webhook-events", name: t("webhookEvents") }];
  return (
    <div className="min-h-dvh bg-white dark:bg-zinc-950">
      <header className="sticky top-0 z-10 border-b border-zinc-200 bg-white/90 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/90">
        <div className="mx-auto flex max-w-7xl items-center justify-between gap-4 px-4 py-3">
          <Link href="/" className="flex items-center gap-2 rounded focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500">
            <Logo />
          </Link>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            {`${doc.info.title} v${doc.info.version}`} ·{" "}
            <a href="/api/v1/openapi.json" className="font-medium text-sky-700 underline-offset-2 hover:underline dark:text-sky-400">
              {"openapi.json"}
            </a>
          </p>
        </div>
      </header>
      <div className="mx-auto flex max-w-7xl gap-8 px-4">
        <nav aria-label={t("sections")} className="sticky top-14 hidden max-h-[calc(100dvh-3.5rem)] w-64 shrink-0 overflow-y-auto py-6 lg:block">
          <ul className="space-y-4 text-sm">
            {byTag.map((tag) => (
              <li key={tag.name}>
                <a href={`#${slug(tag.name)}`} className="font-semibold text-zinc-900 hover:underline dark:text-zinc-100">
                  {tag.name}
                </a>
                <ul className="mt-1 space-y-1">
                  {tag.operations.map(({ method, operation }) => (
                    <li key={operation.operationId}>
                      <a href={`#${operation.operationId}`} className="flex items-center gap-2 text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100">
                        <span className="w-10 font-mono text-[10px] uppercase">{method}</span>
                        {operation.summary}
                      </a>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
            <li>
              <a href="#webhook-events" className="font-semibold text-zinc-900 hover:underline dark:text-zinc-100">
                {t("webhookEvents")}
              </a>
            </li>
          </ul>
        </nav>
        <main className="min-w-0 flex-1 py-8">
          <h1 className="text-2xl font-semibold tracking-tight text-zinc-900 dark:text-zinc-50">{t("title", { title: doc.info.title })}</h1>
          <details className="mt-3 rounded-lg border border-zinc-200 p-3 text-sm lg:hidden dark:border-zinc-800">
            <summary className="cursor-pointer font-medium text-zinc-900 dark:text-zinc-100">{t("contents")}</summary>
            <ul className="mt-2 space-y-1">
              {contents.map(({ id, name }) => (
                <li key={id}>
                  <a href={`#${id}`} className="text-sky-700 hover:underline dark:text-sky-400">
                    {name}
                  </a>
                </li>
              ))}
            </ul>
          </details>
          <RichText text={doc.info.description} className="mt-3 max-w-3xl text-sm leading-relaxed text-zinc-700 dark:text-zinc-300" />
          <p className="mt-3 text-sm text-zinc-700 dark:text-zinc-300">
            {t.rich("baseUrl", { url: serverUrl, code: (chunks) => <code className="font-mono">{chunks}</code> })}
          </p>
          {byTag.map((tag) => (
            <section key={tag.name} aria-labelledby={slug(tag.name)} className="mt-10">
              <h2 id={slug(tag.name)} className="scroll-mt-20 text-xl font-semibold text-zinc-900 dark:text-zinc-50">
                {tag.name}
              </h2>
              {tag.description && <RichText text={tag.description} className="mt-2 max-w-3xl text-sm text-zinc-700 dark:text-zinc-300" />}
              <ul className="mt-3 space-y-1">
                {tag.operations.map(({ method, path, operation }) => (
                  <li key={operation.operationId} className="flex items-center gap-2 text-sm">
                    <MethodBadge method={method} />
                    <a href={`#${operation.operationId}`} className="font-mono text-zinc-700 hover:underline dark:text-zinc-300">
                      {path}
                    </a>
                  </li>
                ))}
              </ul>
              {tag.operations.map(({ method, path, operation }) => (
                <OperationView
                  key={operation.operationId}
                  method={method}
                  path={path}
                  operation={operation}
                  components={doc.components.schemas}
                  parameters={doc.components.parameters}
                  serverUrl={serverUrl}
                  signed={tag.name === "Machine protocol"}
                />
              ))}
            </section>
          ))}
          <section aria-labelledby="webhook-events" className="mt-10">
            <h2 id="webhook-events" className="scroll-mt-20 text-xl font-semibold text-zinc-900 dark:text-zinc-50">
              {t("webhookEvents")}
            </h2>
            <p className="mt-2 max-w-3xl text-sm text-zinc-700 dark:text-zinc-300">
              {t.rich("webhooksIntro", { shape: "{ type, timestamp, data }", code: (chunks) => <code className="font-mono">{chunks}</code> })}
            </p>
            {Object.entries(doc.webhooks).map(([type, { post }]) => {
              const content = post.requestBody!.content["application/json"]!;
              const data = (content.schema as { properties: { data: Record<string, unknown> } }).properties.data;
              return (
                <section key={type} id={`event-${slug(type)}`} aria-labelledby={`event-${slug(type)}-title`} className="scroll-mt-20 border-t border-zinc-200 py-8 dark:border-zinc-800">
                  <h3 id={`event-${slug(type)}-title`} className="text-lg font-semibold text-zinc-900 dark:text-zinc-50">
                    <code className="font-mono">{type}</code> · {post.summary}
                  </h3>
                  {post.description && <RichText text={post.description} className="mt-2 max-w-3xl text-sm text-zinc-700 dark:text-zinc-300" />}
                  <div className="mt-4 grid gap-6 xl:grid-cols-2">
                    <div className="min-w-0">
                      <h4 className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">{"data"}</h4>
                      <SchemaView schema={data} components={doc.components.schemas} />
                    </div>
                    <div className="min-w-0">
                      <figure>
                        <figcaption className="text-xs font-medium text-zinc-500 dark:text-zinc-400">{t("deliveryBody")}</figcaption>
                        <pre tabIndex={0} className="mt-1 max-h-96 overflow-auto rounded-lg bg-zinc-950 p-3 font-mono text-xs text-zinc-100">
                          {JSON.stringify(content.example, null, 2)}
                        </pre>
                      </figure>
                    </div>
                  </div>
                </section>
              );
            })}
          </section>
        </main>
      </div>
    </div>
  );
}
