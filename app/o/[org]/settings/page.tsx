import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { Card } from "~/app/_components/ui/card";
import { PageHeader } from "~/app/_components/ui/page-header";
import { intlLocale } from "~/server/i18n/locales";
import { formatVatRate, hasRole, vatBpToPercentText } from "~/server/tenancy/contract";
import { requireMember } from "~/server/web";
import { SettingsForm } from "./settings-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("settings");
  return { title: t("meta.title") };
}

export default async function SettingsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org, role } = await requireMember(slug, `/o/${slug}/settings`);
  const t = await getTranslations("settings");
  const values = { name: org.name, timeZone: org.timeZone, currency: org.currency, supportEmail: org.supportEmail ?? "" };
  if (hasRole(role, "admin")) {
    return (
      <>
        <PageHeader title={t("meta.title")} description={t("org.description")} />
        <Card title={t("org.card")} className="max-w-3xl">
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
  const currencyName = new Intl.DisplayNames([intlLocale(await getLocale())], { type: "currency" }).of(org.currency);
  const notSet = t("org.notSet");
  const rows: [string, string][] = [
    [t("org.name"), org.name],
    [t("org.address"), `/o/${org.slug}`],
    [t("org.timeZone"), org.timeZone],
    [t("org.currency"), `${org.currency} · ${currencyName}`],
    [t("org.supportEmail"), org.supportEmail ?? notSet],
    [t("org.retention"), t("org.retentionMonths", { count: org.eventRetentionMonths })],
    [t("org.legalName"), org.legalName ?? notSet],
    [t("org.legalAddress"), org.legalAddress ?? notSet],
    [t("org.vatNumber"), org.vatNumber ?? notSet],
    [t("org.defaultVatRate"), formatVatRate(org.defaultVatRateBp)],
  ];
  return (
    <>
      <PageHeader
        title={t("meta.title")}
        description={t("org.readOnly", { role: t(`roleInline.${role}`) })}
      />
      <Card title={t("org.card")} className="max-w-3xl" bodyClassName="p-0">
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
