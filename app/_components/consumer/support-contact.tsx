import { Mail } from "lucide-react";
import { useTranslations } from "next-intl";

/** How to reach the operator who runs the machine: their support e-mail, or a plain fallback. */
export function SupportContact({ operator, email, subject }: { operator: string; email: string | null; subject?: string }) {
  const t = useTranslations("consumer.support");
  if (!email) return <p className="text-[13px] text-zinc-500 dark:text-zinc-400">{t("noEmail", { operator })}</p>;
  const query = subject ? `?${new URLSearchParams({ subject }).toString().replace(/\+/g, "%20")}` : "";
  const href = "mailto:" + email + query;
  return (
    <p className="text-[13px] text-zinc-500 dark:text-zinc-400">
      {t.rich("contact", {
        operator,
        email,
        link: (chunks) => (
          <a href={href} className="inline-flex items-center gap-1 font-medium text-brand-600 underline-offset-2 hover:underline dark:text-brand-500">
            <Mail aria-hidden className="size-3.5" />
            {chunks}
          </a>
        ),
      })}
    </p>
  );
}
