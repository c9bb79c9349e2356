import type { Metadata } from "next";
import { Card } from "~/app/_components/ui/card";
import { PageHeader } from "~/app/_components/ui/page-header";
import { formatVatRate, hasRole, roleLabels, vatBpToPercentText } from "~/server/tenancy/contract";
import { requireMember } from "~/server/web";
import { SettingsForm } from "./settings-form";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org, role } = await requireMember(slug, `/o/${slug}/settings`);
  const values = { name: org.name, timeZone: org.timeZone, currency: org.currency, supportEmail: org.supportEmail ?? "" };
  if (hasRole(role, "admin")) {
    return (
      <>
        <PageHeader title="Settings" description="How your organization is named, which zone and currency its reports use, how long raw machine events are kept, and what receipts print." />
        <Card title="Organization" className="max-w-3xl">
          <SettingsForm
            initial={values}
            initialRetentionMonths={org.eventRetentionMonths}
            initialReceipt={{
              legalName: org.legalName ?? "",
              legalAddress: org.legalAddress ?? "",
              vatNumber: org.vatNumber ?? "",
              defaultVatRate: vatBpToPercentText(org.defaultVatRateBp),
            }}
            slug={org.slug}
          />
        </Card>
      </>
    );
  }
  const currencyName = new Intl.DisplayNames(["en"], { type: "currency" }).of(org.currency);
  const rows: [string, string][] = [
    ["Name", org.name],
    ["Address", `/o/${org.slug}`],
    ["Time zone", org.timeZone],
    ["Currency", `${org.currency} · ${currencyName}`],
    ["Support e-mail", org.supportEmail ?? "Not set"],
    ["Keep raw machine events", `${org.eventRetentionMonths} months`],
    ["Legal name", org.legalName ?? "Not set"],
    ["Registered address", org.legalAddress ?? "Not set"],
    ["VAT number", org.vatNumber ?? "Not set"],
    ["Default VAT rate", formatVatRate(org.defaultVatRateBp)],
  ];
  return (
    <>
      <PageHeader
        title="Settings"
        description={`You can see these as ${roleLabels[role].toLowerCase()}; an owner or admin can change them.`}
      />
      <Card title="Organization" className="max-w-3xl" bodyClassName="p-0">
        <dl className="divide-y divide-zinc-100 text-sm dark:divide-zinc-800">
          {rows.map(([label, value]) => (
            <div key={label} className="grid gap-1 px-4 py-3 sm:grid-cols-3">
              <dt className="text-zinc-500 dark:text-zinc-400">{label}</dt>
              <dd className="whitespace-pre-line text-zinc-900 sm:col-span-2 dark:text-zinc-100">{value}</dd>
            </div>
          ))}
        </dl>
      </Card>
    </>
  );
}
