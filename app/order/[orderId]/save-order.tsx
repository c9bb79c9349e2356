"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { BookmarkCheck, LoaderCircle } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Button, buttonClasses } from "~/app/_components/ui/button";
import { FormAlert } from "~/app/_components/ui/form-alert";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessageOf } from "~/app/_trpc/errors";
import type { RouterOutputs } from "~/app/_trpc/types";

type Order = RouterOutputs["checkout"]["order"];

/** Keeping the purchase: saved already, a button to save it, or signing in to be able to. */
export function SaveOrder({ order, signedIn }: { order: Order; signedIn: boolean }) {
  const t = useTranslations("consumer.order");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const claim = useMutation(
    trpc.consumer.claimOrder.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.checkout.order.queryKey({ orderId: order.id }) }),
    }),
  );
  if (order.mine) {
    return (
      <p className="flex items-center gap-2 text-sm text-zinc-600 dark:text-zinc-400">
        <BookmarkCheck aria-hidden className="size-4 text-emerald-600" />
        <span>
          {t.rich("saved", {
            link: (chunks) => (
              <Link href="/me" className="font-medium text-brand-600 hover:underline dark:text-brand-500">
                {chunks}
              </Link>
            ),
          })}
        </span>
      </p>
    );
  }
  if (order.claimed) return null;
  const back = `/order/${order.id}`;
  return (
    <div className="rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900/60">
      <p className="text-sm text-zinc-700 dark:text-zinc-300">{t("keep")}</p>
      {signedIn ? (
        <div className="mt-3 space-y-2">
          <FormAlert message={errorMessageOf(claim.error)} />
          <Button variant="primary" size="lg" className="h-11 w-full sm:w-auto" disabled={claim.isPending} onClick={() => claim.mutate({ orderId: order.id })}>
            {claim.isPending && <LoaderCircle aria-hidden className="animate-spin" />}
            {t("save")}
          </Button>
        </div>
      ) : (
        <Link href={`/sign-in?${new URLSearchParams({ callbackUrl: back })}`} className={buttonClasses("secondary", "lg", "mt-3 h-auto min-h-11 w-full py-2 text-center whitespace-normal sm:w-auto")}>
          {t("signInToSave")}
        </Link>
      )}
    </div>
  );
}
