import { ArrowDown, BellRing, ClipboardList, Cpu, RotateCcw, ShieldCheck } from "lucide-react";

const outcomes = [
  { icon: RotateCcw, title: "Refund", body: "A paid vend failed: the money goes back" },
  { icon: BellRing, title: "Alert", body: "A fault, or a machine stopped reporting" },
  { icon: ClipboardList, title: "Restock plan", body: "What to load on tomorrow's route" },
];

/** How VendOps works, as a picture: a machine's event in, verified, and what comes out of it. */
export function FlowDiagram() {
  return (
    <figure aria-label="How VendOps works" className="rounded-2xl border border-zinc-200 bg-zinc-50 p-5 sm:p-6 dark:border-zinc-800 dark:bg-zinc-900/50">
      <div className="flex items-center gap-3 rounded-lg border border-zinc-200 bg-white p-3 shadow-xs dark:border-zinc-800 dark:bg-zinc-900">
        <span className="flex size-9 items-center justify-center rounded-md bg-zinc-100 text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300">
          <Cpu aria-hidden className="size-5" />
        </span>
        <div className="min-w-0">
          <p className="text-sm font-medium">A machine reports a vend</p>
          <p className="truncate font-mono text-xs text-zinc-500 dark:text-zinc-400">POST /api/v1/machines/…/events · signed</p>
        </div>
      </div>
      <ArrowDown aria-hidden className="mx-auto my-2 size-4 text-zinc-500" />
      <div className="flex items-center gap-3 rounded-lg border border-brand-500/30 bg-brand-50 p-3 dark:border-brand-500/30 dark:bg-brand-500/10">
        <span className="flex size-9 items-center justify-center rounded-md bg-brand-600 text-white dark:bg-brand-500">
          <ShieldCheck aria-hidden className="size-5" />
        </span>
        <div>
          <p className="text-sm font-medium text-zinc-900 dark:text-zinc-100">VendOps verifies and records it</p>
          <p className="text-xs text-zinc-600 dark:text-zinc-400">Signature checked, applied exactly once</p>
        </div>
      </div>
      <ArrowDown aria-hidden className="mx-auto my-2 size-4 text-zinc-500" />
      <ul className="grid gap-2 sm:grid-cols-3">
        {outcomes.map(({ icon: Icon, title, body }) => (
          <li key={title} className="rounded-lg border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900">
            <Icon aria-hidden className="size-4 text-brand-600 dark:text-brand-500" />
            <p className="mt-2 text-sm font-medium">{title}</p>
            <p className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">{body}</p>
          </li>
        ))}
      </ul>
      <figcaption className="sr-only">
        A machine reports a vend over a signed webhook; VendOps verifies and records it, then refunds a failed paid vend,
        raises an alert, or updates the restock plan.
      </figcaption>
    </figure>
  );
}
