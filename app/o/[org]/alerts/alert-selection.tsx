"use client";

import type { InboxAlert } from "./alert-row";

/** The alerts of one machine (or of the org, with machineId null), in the order the inbox sorted them. */
export interface MachineGroup {
  key: string;
  machineId: string | null;
  machineName: string | null;
  locationName: string | null;
  alerts: InboxAlert[];
}

/** Groups the inbox by machine; a group sits where its first alert did in the sorted list. */
export function groupByMachine(alerts: readonly InboxAlert[]): MachineGroup[] {
  const groups = new Map<string, MachineGroup>();
  for (const a of alerts) {
    const key = a.machineId ?? "";
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { key, machineId: a.machineId, machineName: a.machineName, locationName: a.locationName, alerts: [] }));
    group.alerts.push(a);
  }
  return [...groups.values()];
}

/** A checkbox that can also show "some of these" (indeterminate). */
export function SelectBox({ label, checked, indeterminate = false, onChange }: { label: string; checked: boolean; indeterminate?: boolean; onChange: (checked: boolean) => void }) {
  return (
    <input
      type="checkbox"
      aria-label={label}
      checked={checked}
      ref={(el) => {
        if (el) el.indeterminate = indeterminate && !checked;
      }}
      onChange={(e) => onChange(e.target.checked)}
      className="size-4 cursor-pointer rounded border-zinc-300 accent-zinc-900 dark:border-zinc-600 dark:accent-zinc-100"
    />
  );
}
