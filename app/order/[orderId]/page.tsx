import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { cache } from "react";
import { ConsumerHeader } from "~/app/_components/consumer/consumer-header";
import { HydrateClient, getQueryClient, trpc } from "~/app/_trpc/server";
import { currentUser } from "~/server/web";
import { OrderView } from "./order-view";

type Params = Promise<{ orderId: string }>;

/** The order, or 404 for an id no order has; fetched before streaming so the 404 is real. */
const loadOrder = cache(async (orderId: string) => {
  try {
    return await getQueryClient().fetchQuery({ ...trpc.checkout.order.queryOptions({ orderId }), retry: false });
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const order = await loadOrder((await params).orderId);
  const t = await getTranslations("consumer.order");
  return { title: t("meta", { product: order.productName }), robots: { index: false } };
}

export default async function OrderPage({ params }: { params: Params }) {
  const { orderId } = await params;
  const [, user] = await Promise.all([loadOrder(orderId), currentUser()]);
  return (
    <div className="min-h-dvh bg-zinc-50 dark:bg-zinc-950 print:bg-white">
      <ConsumerHeader signedIn={Boolean(user)} returnTo={`/order/${orderId}`} />
      <main className="mx-auto max-w-2xl px-4 pt-5 pb-16">
        <HydrateClient>
          <OrderView orderId={orderId} signedIn={Boolean(user)} />
        </HydrateClient>
      </main>
    </div>
  );
}
