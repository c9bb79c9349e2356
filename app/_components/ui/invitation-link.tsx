"use client";

import { Link2, MailCheck, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { CopyButton } from "~/app/_components/ui/copy-button";
import { controlClasses } from "~/app/_components/ui/field";

export interface CreatedInvitationLink {
  url: string;
  email: string;
  emailed: boolean;
}

/**
 * A new invitation's link, shown once (only a hash of it is kept), with a Copy button: for members
 * and for hosts. `title` says whom it invites and as what; `label` names the link's field.
 */
export function InvitationLink({ invitation, title, label, onDismiss }: { invitation: CreatedInvitationLink; title: string; label: string; onDismiss: () => void }) {
  const t = useTranslations("common.ui.invitationLink");
  return (
    <div role="status" className="mt-4 rounded-lg border border-emerald-200 bg-emerald-50/60 p-3 dark:border-emerald-900/60 dark:bg-emerald-950/30">
      <div className="flex items-start gap-2">
        <Link2 aria-hidden className="mt-0.5 size-4 shrink-0 text-emerald-700 dark:text-emerald-400" />
        <div className="min-w-0 flex-1">
          <p className="text-sm font-medium text-zinc-900 dark:text-zinc-100">{title}</p>
          <p className="mt-0.5 text-[13px] text-zinc-600 dark:text-zinc-400">
            {invitation.emailed ? (
              <>
                <MailCheck aria-hidden className="mr-1 inline size-3.5 align-[-2px]" />
                {t("emailed", { email: invitation.email })}
              </>
            ) : (
              t("notEmailed", { email: invitation.email })
            )}{" "}
            {t("once")}
          </p>
        </div>
        <button
          type="button"
          onClick={onDismiss}
          aria-label={t("hide")}
          className="-m-1 inline-flex size-7 items-center justify-center rounded-md text-zinc-500 hover:bg-emerald-100 dark:hover:bg-emerald-900/40"
        >
          <X aria-hidden className="size-4" />
        </button>
      </div>
      <div className="mt-3 flex gap-2">
        <input readOnly value={invitation.url} aria-label={label} onFocus={(e) => e.currentTarget.select()} className={`${controlClasses} font-mono text-xs`} />
        <CopyButton text={invitation.url} />
      </div>
    </div>
  );
}
