"use client";

import { useMutation } from "@tanstack/react-query";
import { LoaderCircle, Mail } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "~/app/_components/ui/button";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessageOf } from "~/app/_trpc/errors";
import type { ReceiptEmailOutcome } from "~/server/consumers/contract";

/** Each outcome's words in `consumer.me.receipt`. */
const outcomeKeys = {
  sent: "emailSent",
  already_sent: "emailAlreadySent",
  mail_not_configured: "emailNotConfigured",
  mail_failed: "emailFailed",
} as const satisfies Record<ReceiptEmailOutcome, string>;

/** "E-mail me this receipt": sends it, the PDF attached, to the signed-in consumer's address, and says how it went. */
export function EmailReceiptButton({ purchaseId }: { purchaseId: string }) {
  const t = useTranslations("consumer.me.receipt");
  const trpc = useTRPC();
  const send = useMutation(trpc.consumer.emailReceipt.mutationOptions());
  const message = send.data ? t(outcomeKeys[send.data.outcome], { email: send.data.email }) : send.error ? errorMessageOf(send.error) : null;
  return (
    <div className="space-y-2">
      <Button className="h-10" onClick={() => send.mutate({ purchaseId })} disabled={send.isPending}>
        {send.isPending ? <LoaderCircle aria-hidden className="animate-spin" /> : <Mail aria-hidden />}
        {t("email")}
      </Button>
      <p role="status" aria-live="polite" className="text-[13px] text-zinc-600 empty:hidden dark:text-zinc-400">
        {message}
      </p>
    </div>
  );
}
