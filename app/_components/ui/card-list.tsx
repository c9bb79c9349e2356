import clsx from "clsx";

// On a phone a wide table becomes these stacked cards: the page renders both, the table as
// `hidden sm:block` (see `phoneHiddenClasses`) and the cards `sm:hidden`, so nothing scrolls
// sideways and no script has to measure the screen. Rows and cards share their cells' contents.

/** A table's container on wider screens; below `sm` the `CardList` stands in for it. */
export const phoneHiddenClasses = "hidden sm:block";

/** The rows of a table as a list of cards, shown only below `sm`. */
export function CardList({ label, children, className }: { label: string; children: React.ReactNode; className?: string }) {
  return (
    // role="list" keeps the list a list for Safari's VoiceOver, which drops it with `list-style: none`.
    <ul role="list" aria-label={label} className={clsx("space-y-2 sm:hidden", className)}>
      {children}
    </ul>
  );
}

/** One fact of a card: a label and its value; `wide` takes the card's full width. */
export interface CardFact {
  label: string;
  value: React.ReactNode;
  wide?: boolean;
}

/** One row as a card: its title (a heading), badges on the right, key facts, then actions big enough to tap. */
export function RecordCard({
  title,
  subtitle,
  badges,
  facts,
  actions,
  children,
  footer,
  headingLevel = 3,
}: {
  title: React.ReactNode;
  subtitle?: React.ReactNode;
  badges?: React.ReactNode;
  facts: (CardFact | false | null | undefined)[];
  actions?: React.ReactNode;
  children?: React.ReactNode;
  /** Under the actions, e.g. what an action opens. */
  footer?: React.ReactNode;
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const shown = facts.filter((f): f is CardFact => Boolean(f));
  return (
    <li className="rounded-lg border border-zinc-200 bg-white p-3 text-[13px] dark:border-zinc-800 dark:bg-zinc-900/60">
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <Heading className="text-sm font-semibold break-words text-zinc-900 dark:text-zinc-100">{title}</Heading>
          {subtitle && <div className="mt-0.5 text-xs break-words text-zinc-500 dark:text-zinc-400">{subtitle}</div>}
        </div>
        {badges && <div className="flex shrink-0 flex-col items-end gap-1">{badges}</div>}
      </div>
      {children}
      {shown.length > 0 && (
        <dl className="mt-2.5 grid grid-cols-2 gap-x-4 gap-y-2">
          {shown.map((f) => (
            <div key={f.label} className={clsx("min-w-0", f.wide && "col-span-2")}>
              <dt className="text-xs text-zinc-500 dark:text-zinc-400">{f.label}</dt>
              <dd className="mt-0.5 break-words text-zinc-800 dark:text-zinc-200">{f.value}</dd>
            </div>
          ))}
        </dl>
      )}
      {actions && <div className="mt-3 flex flex-wrap justify-end gap-2 border-t border-zinc-100 pt-3 dark:border-zinc-800">{actions}</div>}
      {footer}
    </li>
  );
}
