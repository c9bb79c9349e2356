import clsx from "clsx";
import { Fragment } from "react";
import { phoneHiddenClasses } from "./card-list";
import { tableClasses, theadClasses } from "./table-styles";

/** One column of a `DataTable`'s header row. */
export interface DataColumn {
  label: string;
  /** Numbers and money line up on the right. */
  align?: "right";
  /** Named for screen readers only, e.g. the column of row actions. */
  srOnly?: boolean;
  /** A header cell of its own in place of the plain one, e.g. a `SortHeader`. */
  header?: React.ReactNode;
  /** Left out when false, e.g. actions only managers may take. */
  when?: boolean;
}

const th = "px-3 py-2 font-medium whitespace-nowrap";

/**
 * A bordered table in a section named by its heading, which also names the table: the header row
 * from `columns`, the rows as children, and a footer under the table (e.g. `LoadMore`). Given `cards`
 * (a `CardList` of the same rows), phones get the cards instead of the table.
 */
export function DataTable({
  headingId,
  heading,
  headingClassName = "mb-2 text-sm font-semibold",
  columns,
  children,
  footer,
  cards,
}: {
  headingId: string;
  heading: React.ReactNode;
  headingClassName?: string;
  columns: DataColumn[];
  children: React.ReactNode;
  footer?: React.ReactNode;
  cards?: React.ReactNode;
}) {
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId} className={headingClassName}>
        {heading}
      </h2>
      {cards}
      <div className={clsx("relative overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900/60", cards && phoneHiddenClasses)}>
        <table className={tableClasses} aria-labelledby={headingId}>
          <thead className={theadClasses}>
            <tr>
              {columns
                .filter((c) => c.when !== false)
                .map((c) => (
                  <Fragment key={c.label}>
                    {c.header ?? (
                      <th scope="col" className={clsx(th, c.align === "right" && "text-right")}>
                        {c.srOnly ? <span className="sr-only">{c.label}</span> : c.label}
                      </th>
                    )}
                  </Fragment>
                ))}
            </tr>
          </thead>
          <tbody>{children}</tbody>
        </table>
      </div>
      {footer}
    </section>
  );
}
