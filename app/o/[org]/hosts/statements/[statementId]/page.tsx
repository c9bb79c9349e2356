import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { HydrateClient, getQueryClient, trpc } from "~/app/_trpc/server";
import { requireMember } from "~/server/web";
import { formatMonth } from "../../months";
import { StatementView } from "./statement-view";

type Params = Promise<{ org: string; statementId: string }>;

/** The statement, or 404 when it does not exist or belongs to another organization; awaited before anything streams. */
async function loadStatement(slug: string, statementId: string) {
  const { org } = await requireMember(slug, `/o/${slug}/hosts/statements/${statementId}`);
  try {
    const statement = await getQueryClient().fetchQuery({ ...trpc.hosts.statements.get.queryOptions({ orgId: org.id, statementId }), retry: false });
    return { org, statement };
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { org, statementId } = await params;
  const { statement } = await loadStatement(org, statementId);
  const t = await getTranslations("hosts.statement");
  return { title: t("metaTitle", { place: statement.locationName, month: formatMonth(statement.month, await getLocale()) }) };
}

export default async function HostStatementPage({ params }: { params: Params }) {
  const { org: slug, statementId } = await params;
  await loadStatement(slug, statementId);
  return (
    <HydrateClient>
      <StatementView statementId={statementId} />
    </HydrateClient>
  );
}
