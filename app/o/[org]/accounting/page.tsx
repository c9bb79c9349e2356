import { Download, ShieldAlert } from "lucide-react";
import { getLocale, getTranslations } from "next-intl/server";
import { buttonClasses } from "~/app/_components/ui/button";
import { Card } from "~/app/_components/ui/card";
import { EmptyState } from "~/app/_components/ui/empty-state";
import { PageHeader } from "~/app/_components/ui/page-header";
import { ledgerAccountsIn, MAX_JOURNAL_DAYS } from "~/server/analytics";
import { hasRole } from "~/server/tenancy/contract";
import { addDays, localDay } from "~/server/time";
import { requireMember } from "~/server/web";

export async function generateMetadata() {
  const t = await getTranslations("accounting.page");
  return { title: t("title") };
}

const control =
  "block h-9 w-full min-w-0 rounded-md border border-zinc-300 bg-white px-3 text-sm text-zinc-900 shadow-xs focus:border-brand-500 focus:ring-3 focus:ring-brand-500/20 focus:outline-none dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100";
const label = "block text-sm font-medium text-zinc-800 dark:text-zinc-200";

export default async function AccountingPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org, role } = await requireMember(slug, `/o/${slug}/accounting`);
  const t = await getTranslations("accounting.page");
  const description = t("description");
  if (!hasRole(role, "manager")) {
    return (
      <>
        <PageHeader title={t("title")} description={description} />
        <EmptyState icon={<ShieldAlert />} title={t("managersOnlyTitle")}>
          {t("managersOnlyBody", { org: org.name })}
        </EmptyState>
      </>
    );
  }
  const today = localDay(new Date(), org.timeZone);
  const firstOfMonth = `${today.slice(0, 8)}01`;
  // By default the last complete month: the range accountants book most often.
  const to = addDays(firstOfMonth, -1);
  const from = `${to.slice(0, 8)}01`;
  const accounts = ledgerAccountsIn(await getLocale());
  return (
    <>
      <PageHeader title={t("title")} description={description} />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title={t("journal")} description={t("journalDescription", { timeZone: org.timeZone, currency: org.currency, days: MAX_JOURNAL_DAYS })}>
          <form method="get" action={`/o/${org.slug}/accounting/journal.csv`} className="space-y-4">
            <div className="grid gap-4 sm:grid-cols-2">
              <div className="space-y-1.5">
                <label htmlFor="journal-from" className={label}>
                  {t("firstDay")}
                </label>
                <input id="journal-from" name="from" type="date" required defaultValue={from} max={today} className={control} />
              </div>
              <div className="space-y-1.5">
                <label htmlFor="journal-to" className={label}>
                  {t("lastDay")}
                </label>
                <input id="journal-to" name="to" type="date" required defaultValue={to} max={today} className={control} />
              </div>
            </div>
            <fieldset className="space-y-2">
              <legend className={label}>{t("format")}</legend>
              <div className="flex flex-wrap gap-x-6 gap-y-2 text-sm text-zinc-800 dark:text-zinc-200">
                <label className="inline-flex items-center gap-2">
                  <input type="radio" name="format" value="xero" defaultChecked className="size-4 accent-brand-600" />
                  {t("xero")}
                </label>
                <label className="inline-flex items-center gap-2">
                  <input type="radio" name="format" value="quickbooks" className="size-4 accent-brand-600" />
                  {t("quickbooks")}
                </label>
              </div>
            </fieldset>
            <ul className="list-disc space-y-1 pl-5 text-xs text-zinc-500 dark:text-zinc-400">
              <li>{t("xeroHelp")}</li>
              <li>{t("quickbooksHelp")}</li>
            </ul>
            <button type="submit" className={buttonClasses("primary")}>
              <Download aria-hidden />
              {t("download")}
            </button>
          </form>
        </Card>
        <Card title={t("accounts")} description={t("accountsDescription")}>
          <div className="overflow-x-auto">
            <table className="w-full text-sm">
              <caption className="sr-only">{t("accountsCaption")}</caption>
              <thead>
                <tr className="text-left text-xs text-zinc-500 dark:text-zinc-400">
                  <th scope="col" className="py-1.5 pr-4 font-medium">
                    {t("code")}
                  </th>
                  <th scope="col" className="py-1.5 font-medium">
                    {t("name")}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
                {accounts.map((account) => (
                  <tr key={account.code}>
                    <td className="py-1.5 pr-4 tabular text-zinc-600 dark:text-zinc-300">{account.code}</td>
                    <td className="py-1.5 text-zinc-900 dark:text-zinc-100">{account.name}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      </div>
    </>
  );
}
