"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { Check } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "~/app/_components/ui/button";
import { Card } from "~/app/_components/ui/card";
import { CopyField } from "~/app/_components/ui/copy-field";
import { FormAlert } from "~/app/_components/ui/form-alert";
import { StatusBadge } from "~/app/_components/ui/status-badge";
import { useOrigin } from "~/app/_components/hooks/use-origin";
import { useOrg } from "~/app/_components/org/org-context";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessageOf, fieldErrorsOf } from "~/app/_trpc/errors";
import type { RouterOutputs } from "~/app/_trpc/types";

type Provider = RouterOutputs["paymentProviders"]["list"][number];

interface FieldSpec {
  name: string;
  hint?: boolean;
  multiline?: boolean;
  secret?: boolean;
}

/** The fields of each provider's form, in the words of its merchant console (payments.providers.<provider>.fields). */
const FIELDS: Record<Provider["provider"], FieldSpec[]> = {
  wechatpay: [
    { name: "mchid" },
    { name: "appid", hint: true },
    { name: "merchantSerialNo" },
    { name: "platformSerialNo" },
    { name: "platformPublicKey", multiline: true },
    { name: "merchantPrivateKey", multiline: true, secret: true },
    { name: "apiV3Key", secret: true },
  ],
  alipay: [
    { name: "appId" },
    { name: "alipayPublicKey", multiline: true },
    { name: "appPrivateKey", multiline: true, secret: true },
  ],
};

const inputClasses =
  "block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm text-zinc-900 shadow-xs focus:border-brand-500 focus:ring-2 focus:ring-brand-500/30 focus:outline-none dark:border-zinc-700 dark:bg-zinc-950 dark:text-zinc-100";

/** The org's own WeChat Pay and Alipay accounts: one form each, secrets write-only, and a switch. */
export function PaymentProvidersView() {
  const org = useOrg();
  const trpc = useTRPC();
  const { data: providers } = useSuspenseQuery(trpc.paymentProviders.list.queryOptions({ orgId: org.id }));
  return (
    <div className="space-y-6">
      {providers.map((p) => (
        <ProviderForm key={p.provider} provider={p} />
      ))}
    </div>
  );
}

function ProviderForm({ provider }: { provider: Provider }) {
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const t = useTranslations("payments");
  const origin = useOrigin();
  const fields = FIELDS[provider.provider];
  const title = t(`providers.${provider.provider}.title`);
  const label = (name: string) => t(`providers.${provider.provider}.fields.${name}` as Parameters<typeof t>[0]);
  const [values, setValues] = useState<Record<string, string>>(() => ({ ...(provider.settings ?? {}) }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.paymentProviders.list.queryKey() });
  const save = useMutation(
    trpc.paymentProviders.save.mutationOptions({
      onSuccess: () => {
        // Secrets are write-only: once saved, the form forgets them.
        setValues((v) => Object.fromEntries(Object.entries(v).filter(([name]) => !fields.find((f) => f.name === name)?.secret)));
        return refresh();
      },
    }),
  );
  const toggle = useMutation(trpc.paymentProviders.setEnabled.mutationOptions({ onSuccess: refresh }));

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const pick = (secret: boolean) => Object.fromEntries(fields.filter((f) => Boolean(f.secret) === secret).map((f) => [f.name, values[f.name] ?? ""]));
    const secrets = pick(true);
    const anySecret = Object.values(secrets).some((v) => v.trim() !== "");
    // Left blank on a saved account: the stored secrets are kept.
    save.mutate({ orgId: org.id, provider: provider.provider, settings: pick(false), ...(anySecret || !provider.configured ? { secrets } : {}) } as Parameters<typeof save.mutate>[0]);
  };
  const fieldErrors = Object.values(fieldErrorsOf(save.error)).flat();

  return (
    <Card
      title={
        <span className="flex items-center gap-2">
          {title}
          {provider.configured && (
            <span className="inline-flex items-center gap-1 text-xs font-medium text-emerald-700 dark:text-emerald-400">
              <Check aria-hidden className="size-3.5" />
              {t("configured")}
            </span>
          )}
          <StatusBadge status={provider.enabled ? "active" : "disabled"} label={provider.enabled ? t("on") : t("off")} />
        </span>
      }
      description={t(`providers.${provider.provider}.description`)}
      actions={
        provider.configured && (
          <Button disabled={toggle.isPending} onClick={() => toggle.mutate({ orgId: org.id, provider: provider.provider, enabled: !provider.enabled })}>
            {provider.enabled ? t("turnOff") : t("turnOn")}
          </Button>
        )
      }
    >
      <form onSubmit={submit} className="space-y-4 p-4">
        {fields.map((field) => {
          const id = `${provider.provider}-${field.name}`;
          const stored = field.secret && provider.storedSecrets.includes(field.name);
          const common = {
            id,
            value: values[field.name] ?? "",
            onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setValues((v) => ({ ...v, [field.name]: e.target.value })),
            placeholder: stored ? t("storedPlaceholder") : undefined,
            autoComplete: "off",
            spellCheck: false,
            className: `${inputClasses} font-mono`,
          };
          return (
            <div key={field.name} className="space-y-1">
              <label htmlFor={id} className="block text-sm font-medium text-zinc-800 dark:text-zinc-200">
                {label(field.name)}
                {stored && <span className="ml-2 text-xs font-normal text-emerald-700 dark:text-emerald-400">{t("stored")}</span>}
              </label>
              {field.multiline ? <textarea rows={4} {...common} /> : <input type={field.secret ? "password" : "text"} {...common} />}
              {field.hint && <p className="text-xs text-zinc-500 dark:text-zinc-400">{t(`providers.wechatpay.hints.${field.name}` as Parameters<typeof t>[0])}</p>}
            </div>
          );
        })}
        <div className="space-y-1">
          <CopyField label={t("notificationUrl")} value={`${origin}${provider.notifyPath}`} />
          <p className="text-xs text-zinc-500 dark:text-zinc-400">{t("notificationNote", { provider: title })}</p>
        </div>
        <FormAlert message={fieldErrors.length > 0 ? fieldErrors.join(" ") : errorMessageOf(save.error ?? toggle.error)} />
        <div className="flex justify-end">
          <Button type="submit" variant="primary" disabled={save.isPending}>
            {save.isPending ? t("saving") : provider.configured ? t("saveChanges") : t("saveFirst", { provider: title })}
          </Button>
        </div>
      </form>
    </Card>
  );
}
