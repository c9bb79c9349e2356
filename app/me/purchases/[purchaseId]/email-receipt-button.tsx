"use client";

import { useMutation } from "@tanstack/react-query";
import { LoaderCircle, Mail } from "lucide-react";
import { Button } from "~/app/_components/ui/button";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessageOf } from "~/app/_trpc/errors";
import type { ReceiptEmailOutcome } from "~/server/consumers/contract";

const outcomeText: Record<ReceiptEmailOutcome, (email: string) => string> = {
  sent: (email) => `Sent to ${email}, with the PDF attached.`,
  already_sent: (email) => `Already sent to ${email} a moment ago; check your inbox (and spam folder).`,
  mail_not_configured: () => "This service does not send e-mail; download the PDF instead.",
  mail_failed: () => "The e-mail could not be sent just now. Try again in a minute, or download the PDF.",
};

/** "E-mail me this receipt": sends it, the PDF attached, to the signed-in consumer's address, and says how it went. */
export function EmailReceiptButton({ purchaseId }: { purchaseId: string }) {
  const trpc = useTRPC();
  const send = useMutation(trpc.consumer.emailReceipt.mutationOptions());
  const message = send.data ? outcomeText[send.data.outcome](send.data.email) : send.error ? errorMessageOf(send.error) : null;
  return (
    <div className="space-y-2">
      <Button className="h-10" onClick={() => send.mutate({ purchaseId })} disabled={send.isPending}>
        {send.isPending ? <LoaderCircle aria-hidden className="animate-spin" /> : <Mail aria-hidden />}
        E-mail me this receipt
      </Button>
      <p role="status" aria-live="polite" className="text-[13px] text-zinc-600 empty:hidden dark:text-zinc-400">
        {message}
      </p>
    </div>
  );
}
