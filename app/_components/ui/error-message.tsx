"use client";

import { RotateCcw, TriangleAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "./button";

/** What a page shows when something failed on our side: that it did, and a way to try again. */
export function ErrorMessage({ error, retry }: { error: unknown; retry: () => void }) {
  const t = useTranslations("common.ui.error");
  const digest = error instanceof Error && "digest" in error ? String((error as { digest?: string }).digest ?? "") : "";
  return (
    <div role="alert" className="flex flex-col items-center px-6 py-20 text-center">
      <div className="mb-4 flex size-12 items-center justify-center rounded-full bg-red-50 text-red-600 dark:bg-red-950/50 dark:text-red-400">
        <TriangleAlert aria-hidden className="size-6" />
      </div>
      <h1 className="text-xl font-semibold tracking-tight">{t("title")}</h1>
      <p className="mt-2 max-w-sm text-sm text-zinc-500 dark:text-zinc-400">
        {digest ? t.rich("bodyWithCode", { digest, code: (chunks) => <span className="font-mono">{chunks}</span> }) : t("body")}
      </p>
      <Button variant="primary" className="mt-6" onClick={retry}>
        <RotateCcw aria-hidden />
        {t("retry")}
      </Button>
    </div>
  );
}
