"use client";

import { useMutation } from "@tanstack/react-query";
import { LoaderCircle } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { Button } from "~/app/_components/ui/button";
import { FormAlert } from "~/app/_components/ui/form-alert";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessageOf } from "~/app/_trpc/errors";

/** Accepts a host invitation for the signed-in account and opens the host's places. */
export function AcceptHostInvitation({ token }: { token: string }) {
  const t = useTranslations("auth.invitation");
  const trpc = useTRPC();
  const router = useRouter();
  const accept = useMutation(
    trpc.hostPortal.accept.mutationOptions({
      onSuccess: ({ orgSlug, locationIds }) => {
        router.push(locationIds.length === 1 ? `/h/${orgSlug}/locations/${locationIds[0]}` : `/h/${orgSlug}`);
        router.refresh();
      },
    }),
  );
  const pending = accept.isPending || accept.isSuccess;
  return (
    <div className="space-y-3">
      <FormAlert message={errorMessageOf(accept.error)} />
      <Button variant="primary" className="w-full" disabled={pending} onClick={() => accept.mutate({ token })}>
        {pending && <LoaderCircle aria-hidden className="animate-spin" />}
        {accept.isSuccess ? t("opening") : t("accept")}
      </Button>
    </div>
  );
}
