import { LoaderCircle } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "./button";
import { FormAlert } from "./form-alert";

/**
 * The foot of a settings form: says when the last save went through, and discards or saves the
 * changes; both buttons wait until something changed.
 */
export function SaveBar({ dirty, pending, savedMessage, onDiscard }: { dirty: boolean; pending: boolean; savedMessage: string | null; onDiscard: () => void }) {
  const t = useTranslations("common.ui.saveBar");
  return (
    <div className="flex flex-wrap items-center justify-end gap-3 border-t border-zinc-200 pt-5 dark:border-zinc-800">
      <FormAlert tone="success" message={savedMessage} className="mr-auto" />
      <Button type="button" variant="ghost" disabled={!dirty || pending} onClick={onDiscard}>
        {t("discard")}
      </Button>
      <Button type="submit" variant="primary" disabled={!dirty || pending}>
        {pending && <LoaderCircle aria-hidden className="animate-spin" />}
        {t("save")}
      </Button>
    </div>
  );
}
