"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { LoaderCircle, RefreshCw } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { Button } from "~/app/_components/ui/button";
import { FormAlert } from "~/app/_components/ui/form-alert";
import { useOrg } from "~/app/_components/org/org-context";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessageOf } from "~/app/_trpc/errors";
import type { GenerateStatementsResult } from "~/server/hosts/contract";
import type { Locale } from "~/server/i18n/locales";
import { formatMonth } from "./months";

function resultInWords(r: GenerateStatementsResult, t: ReturnType<typeof useTranslations<"hosts.generate">>, locale: Locale): string {
  const parts = [
    r.created > 0 ? t("created", { count: r.created }) : null,
    r.revised > 0 ? t("revised", { count: r.revised }) : null,
    r.unchanged > 0 ? t("unchanged", { count: r.unchanged }) : null,
  ].filter(Boolean);
  const month = formatMonth(r.month, locale);
  return parts.length === 0 ? t("none", { month }) : t("result", { month, parts: parts.join(t("separator")) });
}

/**
 * Writes (or brings up to date) the statements of a closed month now, rather than waiting for the
 * monthly job; says what it did.
 */
export function GenerateStatementsButton({ month }: { month: string }) {
  const org = useOrg();
  const t = useTranslations("hosts.generate");
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const generate = useMutation(
    trpc.hosts.statements.generate.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.hosts.statements.pathKey() }),
    }),
  );
  const done = generate.data && generate.data.month === month ? generate.data : null;
  return (
    <div className="flex flex-col items-end gap-1">
      <Button variant="primary" size="sm" disabled={generate.isPending} onClick={() => generate.mutate({ orgId: org.id, month })}>
        {generate.isPending ? <LoaderCircle aria-hidden className="animate-spin" /> : <RefreshCw aria-hidden />}
        {generate.isPending ? t("pending", { month: formatMonth(month, locale) }) : t("button", { month: formatMonth(month, locale) })}
      </Button>
      <div role="status" aria-live="polite" className="max-w-xs text-right text-xs text-zinc-600 empty:hidden dark:text-zinc-400">
        {done ? resultInWords(done, t, locale) : null}
      </div>
      <FormAlert message={generate.error ? errorMessageOf(generate.error) : null} className="max-w-xs" />
    </div>
  );
}
