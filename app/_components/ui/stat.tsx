import clsx from "clsx";

/** One key figure in a row of figures (use inside a <dl>). */
export function Stat({ label, children, className }: { label: string; children: React.ReactNode; className?: string }) {
  return (
    <div className={clsx("min-w-0 bg-white px-4 py-3.5 dark:bg-zinc-900", className)}>
      <dt className="text-xs font-medium text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="mt-1 text-base font-semibold">{children}</dd>
    </div>
  );
}
