"use client";

import { Command } from "cmdk";
import { BellRing, FileText, MapPin, Package, Refrigerator, ShoppingCart, type LucideIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import type { RouterOutputs } from "~/app/_trpc/types";

export interface PalettePage {
  path: string;
  label: string;
  icon?: LucideIcon;
  keywords?: string;
}

type Results = RouterOutputs["search"]["query"];

const groupClasses =
  "mb-1 [&_[cmdk-group-heading]]:px-2 [&_[cmdk-group-heading]]:pt-2 [&_[cmdk-group-heading]]:pb-1 [&_[cmdk-group-heading]]:text-[11px] [&_[cmdk-group-heading]]:font-semibold [&_[cmdk-group-heading]]:tracking-wide [&_[cmdk-group-heading]]:text-zinc-500 [&_[cmdk-group-heading]]:uppercase dark:[&_[cmdk-group-heading]]:text-zinc-400";

function Item({ value, icon: Icon, title, detail, onSelect }: { value: string; icon: LucideIcon; title: string; detail?: string; onSelect: () => void }) {
  return (
    <Command.Item
      value={value}
      onSelect={onSelect}
      className="flex cursor-pointer items-center gap-3 rounded-md px-2 py-2 text-sm text-zinc-800 data-[selected=true]:bg-zinc-100 data-[selected=true]:text-zinc-950 dark:text-zinc-200 dark:data-[selected=true]:bg-zinc-800 dark:data-[selected=true]:text-white"
    >
      <Icon aria-hidden className="size-4 shrink-0 text-zinc-500" />
      <span className="min-w-0 flex-1 truncate">{title}</span>
      {detail && <span className="max-w-[45%] shrink-0 truncate text-xs text-zinc-500 dark:text-zinc-400">{detail}</span>}
    </Command.Item>
  );
}

/** The palette's groups: pages first (they show at once), then what the server found, a few of each. */
export function PaletteResults({ pages, results, onSelect }: { pages: PalettePage[]; results: Results | undefined; onSelect: (path: string) => void }) {
  const t = useTranslations("common.shell.palette");
  return (
    <>
      {pages.length > 0 && (
        <Command.Group heading={t("groups.pages")} className={groupClasses}>
          {pages.map((p) => (
            <Item key={p.path} value={`page:${p.path}`} icon={p.icon ?? FileText} title={p.label} onSelect={() => onSelect(p.path)} />
          ))}
        </Command.Group>
      )}
      {results && results.machines.length > 0 && (
        <Command.Group heading={t("groups.machines")} className={groupClasses}>
          {results.machines.map((m) => (
            <Item
              key={m.id}
              value={`machine:${m.id}`}
              icon={Refrigerator}
              title={m.name}
              detail={[m.serial, m.locationName].filter(Boolean).join(" · ")}
              onSelect={() => onSelect(`/machines/${m.id}`)}
            />
          ))}
        </Command.Group>
      )}
      {results && results.locations.length > 0 && (
        <Command.Group heading={t("groups.locations")} className={groupClasses}>
          {results.locations.map((l) => (
            <Item
              key={l.id}
              value={`location:${l.id}`}
              icon={MapPin}
              title={l.name}
              detail={l.address || t("itsMachines")}
              onSelect={() => onSelect(`/machines?location=${encodeURIComponent(l.id)}`)}
            />
          ))}
        </Command.Group>
      )}
      {results && results.products.length > 0 && (
        <Command.Group heading={t("groups.products")} className={groupClasses}>
          {results.products.map((p) => (
            <Item
              key={p.id}
              value={`product:${p.id}`}
              icon={Package}
              title={p.name}
              detail={p.active ? p.sku : t("inactive", { sku: p.sku })}
              onSelect={() => onSelect("/products")}
            />
          ))}
        </Command.Group>
      )}
      {results && results.alerts.length > 0 && (
        <Command.Group heading={t("groups.alerts")} className={groupClasses}>
          {results.alerts.map((a) => (
            <Item
              key={a.id}
              value={`alert:${a.id}`}
              icon={BellRing}
              title={a.title}
              detail={[a.machineName, t(`severity.${a.severity}`), a.status === "acknowledged" ? t("acknowledged") : null].filter(Boolean).join(" · ")}
              onSelect={() => onSelect(`/alerts/${a.id}`)}
            />
          ))}
        </Command.Group>
      )}
      {results && results.orders.length > 0 && (
        <Command.Group heading={t("groups.orders")} className={groupClasses}>
          {results.orders.map((o) => (
            <Item
              key={o.id}
              value={`order:${o.id}`}
              icon={ShoppingCart}
              title={o.id}
              detail={`${o.productName} · ${o.machineName}`}
              onSelect={() => onSelect(`/orders?machineId=${encodeURIComponent(o.machineId)}`)}
            />
          ))}
        </Command.Group>
      )}
    </>
  );
}
