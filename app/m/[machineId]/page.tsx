import { TRPCError } from "@trpc/server";
import { MapPin } from "lucide-react";
import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { cache } from "react";
import { ConsumerHeader } from "~/app/_components/consumer/consumer-header";
import { DemoPaymentsNote } from "~/app/_components/consumer/demo-payments-note";
import { SupportContact } from "~/app/_components/consumer/support-contact";
import { StatusBadge } from "~/app/_components/ui/status-badge";
import { serverCaller } from "~/app/_trpc/server";
import { checkoutChannelOf } from "~/server/payments";
import { currentUser } from "~/server/web";
import { CanceledNote } from "./canceled-note";
import { Menu } from "./menu";

type Params = Promise<{ machineId: string }>;

/** The machine's menu, or 404 for an id no machine has. Awaited before streaming: a real 404. */
const loadMenu = cache(async (machineId: string) => {
  try {
    return await (await serverCaller()).checkout.menu({ machineId });
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const menu = await loadMenu((await params).machineId);
  return { title: `${menu.machine.name} · ${menu.operator.name}` };
}

export default async function MachineCheckoutPage({ params, searchParams }: { params: Params; searchParams: Promise<{ canceled?: string | string[] }> }) {
  const { machineId } = await params;
  const canceled = (await searchParams).canceled;
  const [menu, user, requestHeaders] = await Promise.all([loadMenu(machineId), currentUser(), headers()]);
  const { machine, operator } = menu;
  const here = `/m/${machineId}`;
  const t = await getTranslations("consumer.machine");
  const unavailable = machine.disabled
    ? t("disabled")
    : !machine.online
      ? t("offline")
      : !menu.paymentsAvailable
        ? t("noPayments")
        : null;

  return (
    <div className="min-h-dvh bg-zinc-50 dark:bg-zinc-950">
      <ConsumerHeader signedIn={Boolean(user)} returnTo={here} />
      <main className="mx-auto max-w-2xl px-4 pt-5 pb-40">
        <header>
          <p className="text-[13px] font-medium text-zinc-500 dark:text-zinc-400">{operator.name}</p>
          <div className="mt-0.5 flex flex-wrap items-center gap-x-3 gap-y-1">
            <h1 className="text-2xl font-semibold tracking-tight text-zinc-950 dark:text-white">{machine.name}</h1>
            {machine.disabled ? (
              <StatusBadge status="disabled" label={t("outOfService")} />
            ) : (
              <StatusBadge status={machine.online ? "online" : "offline"} />
            )}
          </div>
          {machine.location && (
            <p className="mt-1 flex items-center gap-1 text-sm text-zinc-600 dark:text-zinc-400">
              <MapPin aria-hidden className="size-4 shrink-0" />
              {machine.location}
            </p>
          )}
        </header>

        <div className="mt-4 space-y-3">
          {typeof canceled === "string" && canceled.startsWith("ord_") && <CanceledNote />}
          {menu.demoPayments && <DemoPaymentsNote />}
          {unavailable && (
            <p role="status" className="rounded-md border border-zinc-300 bg-white px-3 py-2.5 text-sm text-zinc-700 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300">
              {unavailable}
            </p>
          )}
        </div>

        <Menu
          machineId={machineId}
          currency={menu.currency}
          items={menu.items}
          canOrder={!unavailable}
          demoPayments={menu.demoPayments}
          methods={menu.methods}
          channel={checkoutChannelOf(requestHeaders.get("user-agent"))}
        />

        <div className="mt-6 space-y-2 text-[13px] text-zinc-500 dark:text-zinc-400">
          {user ? (
            <p>
              {t.rich("signedIn", {
                name: user.name,
                link: (chunks) => (
                  <Link href="/me" className="font-medium text-brand-600 hover:underline dark:text-brand-500">
                    {chunks}
                  </Link>
                ),
              })}
            </p>
          ) : (
            <p>
              {t.rich("signedOut", {
                signIn: (chunks) => (
                  <Link href={`/sign-in?${new URLSearchParams({ callbackUrl: here })}`} className="font-medium text-brand-600 hover:underline dark:text-brand-500">
                    {chunks}
                  </Link>
                ),
                signUp: (chunks) => (
                  <Link href={`/sign-up?${new URLSearchParams({ callbackUrl: here })}`} className="font-medium text-brand-600 hover:underline dark:text-brand-500">
                    {chunks}
                  </Link>
                ),
              })}
            </p>
          )}
          <SupportContact operator={operator.name} email={operator.supportEmail} subject={t("supportSubject", { name: machine.name })} />
        </div>
      </main>
    </div>
  );
}
