import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "~/app/_components/ui/page-header";
import { requireUser } from "~/server/web";
import { CreateOrgForm } from "./create-org-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("orgs.new"))("meta") };
}

export default async function NewOrgPage() {
  await requireUser("/orgs/new");
  const t = await getTranslations("orgs.new");
  return (
    <div className="mx-auto max-w-2xl">
      <PageHeader
        title={t("title")}
        description={t("description")}
      />
      <div className="rounded-lg border border-zinc-200 bg-white p-5 shadow-xs sm:p-6 dark:border-zinc-800 dark:bg-zinc-900">
        <CreateOrgForm />
      </div>
    </div>
  );
}
