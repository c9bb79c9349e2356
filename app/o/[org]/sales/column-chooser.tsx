"use client";

import clsx from "clsx";
import { Check, Columns3 } from "lucide-react";
import { useTranslations } from "next-intl";
import { DropdownMenu } from "radix-ui";
import { buttonClasses } from "~/app/_components/ui/button";
import { menuContentClasses, menuItemClasses, menuLabelClasses } from "~/app/_components/ui/menu-styles";
import { useLocalStorage } from "~/app/_components/hooks/use-local-storage";
import { HIDDEN_SALE_COLUMNS_KEY, hiddenSaleColumns, saleColumns, toggleSaleColumn, type SaleColumnId } from "./sales-columns";

/** The sales table's hidden columns, kept in this browser. */
export function useHiddenSaleColumns(): [Set<SaleColumnId>, (id: SaleColumnId, show: boolean) => void] {
  const [stored, store] = useLocalStorage(HIDDEN_SALE_COLUMNS_KEY);
  const hidden = hiddenSaleColumns(stored);
  return [hidden, (id, show) => store(toggleSaleColumn(hidden, id, show))];
}

/** A menu of checkboxes that shows or hides the table's columns; the last visible one stays. */
export function ColumnChooser({ hidden, onToggle, className }: { hidden: Set<SaleColumnId>; onToggle: (id: SaleColumnId, show: boolean) => void; className?: string }) {
  const t = useTranslations("sales.columns");
  const visible = saleColumns.length - hidden.size;
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger className={clsx(buttonClasses("secondary", "sm"), "gap-1.5", className)}>
        <Columns3 aria-hidden />
        {t("button")}
        {hidden.size > 0 && <span className="text-zinc-500 tabular dark:text-zinc-400">{`${visible}/${saleColumns.length}`}</span>}
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={6} className={clsx(menuContentClasses, "min-w-48")} aria-label={t("menu")}>
          <DropdownMenu.Label className={menuLabelClasses}>{t("show")}</DropdownMenu.Label>
          {saleColumns.map((column) => {
            const shown = !hidden.has(column.id);
            return (
              <DropdownMenu.CheckboxItem
                key={column.id}
                checked={shown}
                disabled={shown && visible === 1}
                // The menu stays open, so several columns can be switched in a row.
                onSelect={(event) => event.preventDefault()}
                onCheckedChange={(checked) => onToggle(column.id, checked === true)}
                className={menuItemClasses}
              >
                <span className="flex size-4 items-center justify-center rounded border border-zinc-300 dark:border-zinc-600">
                  <DropdownMenu.ItemIndicator>
                    <Check aria-hidden className="size-3!" />
                  </DropdownMenu.ItemIndicator>
                </span>
                {t(column.id)}
              </DropdownMenu.CheckboxItem>
            );
          })}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
