import { Download, ShieldAlert } from "lucide-react";
import type { Metadata } from "next";
import { buttonClasses } from "~/app/_components/ui/button";
import { Card } from "~/app/_components/ui/card";
import { EmptyState } from "~/app/_components/ui/empty-state";
import { PageHeader } from "~/app/_components/ui/page-header";
import { defaultLedgerAccounts, MAX_JOURNAL_DAYS } from "~/server/analytics";
import { hasRole } from "~/server/tenancy/contract";
import { addDays, localDay } from "~/server/time";
import { requireMember } from "~/server/web";

export const metadata: Metadata = { title: "Accounting export" };

const description = "A balanced journal per day — sales by category and payment method, VAT, cost of goods, refunds and cash collected — for your accounting package.";

const control =
  "block h-9 w-full min-w-0 rounded-md border border-zinc-300 bg-white px-3 text-sm text-zinc-900 shadow-xs focus:border-brand-500 focus:ring-3 focus:ring-brand-500/20 focus:outline-none dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100";
const label = "block text-sm font-medium text-zinc-800 dark:text-zinc-200";

export default async function AccountingPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org, role } = await requireMember(slug, `/o/${slug}/accounting`);
  if (!hasRole(role, "manager")) {
    return (
      <>
        <PageHeader title="Accounting export" description={description} />
        <EmptyState icon={<ShieldAlert />} title="Managers export the books">
          Ask a manager, an admin or an owner of {org.name} for the journal file.
        </EmptyState>
      </>
    );
  }
  const today = localDay(new Date(), org.timeZone);
  const firstOfMonth = `${today.slice(0, 8)}01`;
  // By default the last complete month: the range accountants book most often.
  const to = addDays(firstOfMonth, -1);
  const from = `${to.slice(0, 8)}01`;
  return (
    <>
      <PageHeader title="Accounting export" description={description} />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Daily journal" description={`Days in ${org.timeZone}, amounts in ${org.currency}; up to ${MAX_JOURNAL_DAYS} days per file.`}>
          <form method="get" action={`/o/${org.slug}/accounting/journal.csv`} className="space-y-4">
            <div className="grid gap-4 sm:grid-cols-2">
              <div className="space-y-1.5">
                <label htmlFor="journal-from" className={label}>
                  First day
                </label>
                <input id="journal-from" name="from" type="date" required defaultValue={from} max={today} className={control} />
              </div>
              <div className="space-y-1.5">
                <label htmlFor="journal-to" className={label}>
                  Last day
                </label>
                <input id="journal-to" name="to" type="date" required defaultValue={to} max={today} className={control} />
              </div>
            </div>
            <fieldset className="space-y-2">
              <legend className={label}>Format</legend>
              <div className="flex flex-wrap gap-x-6 gap-y-2 text-sm text-zinc-800 dark:text-zinc-200">
                <label className="inline-flex items-center gap-2">
                  <input type="radio" name="format" value="xero" defaultChecked className="size-4 accent-brand-600" />
                  Xero manual journals
                </label>
                <label className="inline-flex items-center gap-2">
                  <input type="radio" name="format" value="quickbooks" className="size-4 accent-brand-600" />
                  QuickBooks Online journal entries
                </label>
              </div>
            </fieldset>
            <ul className="list-disc space-y-1 pl-5 text-xs text-zinc-500 dark:text-zinc-400">
              <li>Xero: Manual journals → Import; each day is one draft journal. Xero takes a limited number of lines per file, so export a month at a time if it refuses one.</li>
              <li>QuickBooks Online: Settings → Import data → Journal entries, with account numbers turned off; each day is one journal number.</li>
            </ul>
            <button type="submit" className={buttonClasses("primary")}>
              <Download aria-hidden />
              Download CSV
            </button>
          </form>
        </Card>
        <Card title="Accounts" description="The journal posts to these accounts; create them in your package or map them when importing.">
          <div className="overflow-x-auto">
            <table className="w-full text-sm">
              <caption className="sr-only">Accounts of the journal</caption>
              <thead>
                <tr className="text-left text-xs text-zinc-500 dark:text-zinc-400">
                  <th scope="col" className="py-1.5 pr-4 font-medium">
                    Code (Xero)
                  </th>
                  <th scope="col" className="py-1.5 font-medium">
                    Name (QuickBooks)
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
                {Object.values(defaultLedgerAccounts).map((account) => (
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
