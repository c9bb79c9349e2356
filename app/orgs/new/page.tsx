import type { Metadata } from "next";
import { PageHeader } from "~/app/_components/ui/page-header";
import { requireUser } from "~/server/web";
import { CreateOrgForm } from "./create-org-form";

export const metadata: Metadata = { title: "Create organization" };

export default async function NewOrgPage() {
  await requireUser("/orgs/new");
  return (
    <div className="mx-auto max-w-2xl">
      <PageHeader
        title="Create an organization"
        description="Your operator company in VendOps. You will be its owner and can invite your team next."
      />
      <div className="rounded-lg border border-zinc-200 bg-white p-5 shadow-xs sm:p-6 dark:border-zinc-800 dark:bg-zinc-900">
        <CreateOrgForm />
      </div>
    </div>
  );
}
