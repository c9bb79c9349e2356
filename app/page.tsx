import {
  BellRing,
  ChartColumn,
  ClipboardList,
  CreditCard,
  RotateCcw,
  ScrollText,
  ShieldCheck,
  Users,
  Webhook,
} from "lucide-react";
import Link from "next/link";
import { currentUser } from "~/server/web";
import { buttonClasses } from "./_components/ui/button";
import { FlowDiagram } from "./_components/home/flow-diagram";
import { Logo } from "./_components/ui/logo";

const features = [
  {
    icon: Webhook,
    title: "Machines report in real time",
    body: "Every vend, stock change and fault arrives over signed webhooks. Each event is verified, applied once, and never lost to a retry.",
  },
  {
    icon: RotateCcw,
    title: "Refunds without a phone call",
    body: "When a paid vend fails, the refund starts by itself: one failed vend, one refund, retried until the provider confirms it.",
  },
  {
    icon: BellRing,
    title: "Alerts that reach the right person",
    body: "Faults, machines gone offline, empty slots and refunds that would not go through open alerts you can acknowledge and resolve.",
  },
  {
    icon: ChartColumn,
    title: "Sales you can trust",
    body: "Sales roll up per day, machine, slot and product in your time zone; monthly statistics and rankings are kept for every closed month.",
  },
  {
    icon: ClipboardList,
    title: "Restock plans with pick lists",
    body: "Forecasts per slot turn into visit plans: which machines to visit, what to load, and a pick list for the warehouse.",
  },
  {
    icon: CreditCard,
    title: "Checkout on the customer's phone",
    body: "A machine's own page takes card, Alipay and WeChat Pay, then tells the machine to vend and refunds it if the vend fails.",
  },
];

const foundations = [
  { icon: Users, title: "Your team, your roles", body: "Owners, admins, managers, technicians and viewers each see what they need." },
  { icon: ShieldCheck, title: "Your data stays yours", body: "Every organization is isolated twice: in the application and in the database itself." },
  { icon: ScrollText, title: "Every change on record", body: "Who changed what and when, in an audit log your admins can read." },
];

export default async function Landing() {
  const user = await currentUser();
  return (
    <div className="min-h-dvh bg-white dark:bg-zinc-950">
      <header className="mx-auto flex h-16 max-w-6xl items-center justify-between px-4 sm:px-6">
        <Link href="/" aria-label="VendOps home" className="rounded-md">
          <Logo className="text-[17px]" />
        </Link>
        <nav aria-label="Account" className="flex items-center gap-2">
          {user ? (
            <Link href="/orgs" className={buttonClasses("primary")}>
              Open dashboard
            </Link>
          ) : (
            <>
              <Link href="/sign-in" className={buttonClasses("ghost")}>
                Sign in
              </Link>
              <Link href="/sign-up" className={buttonClasses("primary")}>
                Create account
              </Link>
            </>
          )}
        </nav>
      </header>

      <main>
        <section className="mx-auto grid max-w-6xl grid-cols-1 items-center gap-12 px-4 pt-12 pb-20 sm:px-6 lg:grid-cols-[1.1fr_1fr] lg:pt-20">
          <div>
            <p className="text-sm font-medium text-brand-600 dark:text-brand-500">For vending machine operators</p>
            <h1 className="mt-3 text-4xl font-semibold tracking-tight text-balance text-zinc-950 sm:text-5xl dark:text-white">
              The back office that runs your vending fleet
            </h1>
            <p className="mt-5 max-w-xl text-lg text-pretty text-zinc-600 dark:text-zinc-400">
              VendOps hears from every machine as it happens, refunds failed vends on its own, raises alerts when
              something breaks, and tells your route team what to restock tomorrow.
            </p>
            <div className="mt-8 flex flex-wrap gap-3">
              {user ? (
                <Link href="/orgs" className={buttonClasses("primary", "lg")}>
                  Open dashboard
                </Link>
              ) : (
                <>
                  <Link href="/sign-up" className={buttonClasses("primary", "lg")}>
                    Create account
                  </Link>
                  <Link href="/sign-in" className={buttonClasses("secondary", "lg")}>
                    Sign in
                  </Link>
                </>
              )}
            </div>
          </div>
          <FlowDiagram />
        </section>

        <section aria-labelledby="features" className="border-t border-zinc-200 bg-zinc-50 py-20 dark:border-zinc-800 dark:bg-zinc-900/40">
          <div className="mx-auto max-w-6xl px-4 sm:px-6">
            <h2 id="features" className="max-w-2xl text-2xl font-semibold tracking-tight text-zinc-950 dark:text-white">
              From the first coin to the next restock
            </h2>
            <p className="mt-2 max-w-2xl text-zinc-600 dark:text-zinc-400">
              One place for what your machines report, what your customers pay, and what your team does next.
            </p>
            <ul className="mt-10 grid gap-px overflow-hidden rounded-xl border border-zinc-200 bg-zinc-200 sm:grid-cols-2 lg:grid-cols-3 dark:border-zinc-800 dark:bg-zinc-800">
              {features.map(({ icon: Icon, title, body }) => (
                <li key={title} className="bg-white p-6 dark:bg-zinc-950">
                  <Icon aria-hidden className="size-5 text-brand-600 dark:text-brand-500" />
                  <h3 className="mt-4 font-semibold text-zinc-900 dark:text-zinc-100">{title}</h3>
                  <p className="mt-1.5 text-sm text-zinc-600 dark:text-zinc-400">{body}</p>
                </li>
              ))}
            </ul>
          </div>
        </section>

        <section aria-labelledby="foundations" className="py-20">
          <div className="mx-auto max-w-6xl px-4 sm:px-6">
            <h2 id="foundations" className="text-2xl font-semibold tracking-tight text-zinc-950 dark:text-white">
              Built for a company, not a single login
            </h2>
            <ul className="mt-8 grid gap-8 sm:grid-cols-3">
              {foundations.map(({ icon: Icon, title, body }) => (
                <li key={title} className="flex gap-3">
                  <Icon aria-hidden className="mt-0.5 size-5 shrink-0 text-zinc-500" />
                  <div>
                    <h3 className="font-medium text-zinc-900 dark:text-zinc-100">{title}</h3>
                    <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{body}</p>
                  </div>
                </li>
              ))}
            </ul>
          </div>
        </section>
      </main>

      <footer className="border-t border-zinc-200 dark:border-zinc-800">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-4 py-6 text-sm text-zinc-500 sm:px-6 dark:text-zinc-400">
          <Logo withWord={false} />
          <p>VendOps, the back office for vending machine operators.</p>
          <Link href="/docs/api" className="font-medium text-zinc-700 underline-offset-2 hover:underline dark:text-zinc-300">
            API reference
          </Link>
        </div>
      </footer>
    </div>
  );
}
