import { useTranslations } from "next-intl";
import { Button } from "./button";
import { CopyField } from "./copy-field";

/** A secret the server shows this once (an API key, a signing secret), to copy before closing. */
export function SecretOnce({ note, label, value, onDone }: { note: string; label: string; value: string; onDone: () => void }) {
  const t = useTranslations("common.ui");
  return (
    <div className="space-y-4">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">{note}</p>
      <CopyField label={label} value={value} />
      <div className="flex justify-end">
        <Button variant="primary" onClick={onDone}>
          {t("done")}
        </Button>
      </div>
    </div>
  );
}
