import clsx from "clsx";
import { LoaderCircle } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "./button";

/** The row of buttons under a dialog's form: stacked on a phone, to the right from `sm` up. */
export function DialogFooter({ className, children }: { className?: string; children: React.ReactNode }) {
  return <div className={clsx("flex flex-col-reverse gap-2 border-t border-zinc-200 pt-4 sm:flex-row sm:justify-end dark:border-zinc-800", className)}>{children}</div>;
}

/** Cancel and submit for a dialog's form; both wait while it is being saved. */
export function DialogActions({
  pending,
  onCancel,
  submitLabel,
  tone = "primary",
}: {
  pending: boolean;
  onCancel: () => void;
  submitLabel: React.ReactNode;
  tone?: "primary" | "danger";
}) {
  const t = useTranslations("common.ui");
  return (
    <DialogFooter>
      <Button onClick={onCancel} disabled={pending}>
        {t("cancel")}
      </Button>
      <Button type="submit" variant={tone} disabled={pending}>
        {pending && <LoaderCircle aria-hidden className="animate-spin" />}
        {submitLabel}
      </Button>
    </DialogFooter>
  );
}
