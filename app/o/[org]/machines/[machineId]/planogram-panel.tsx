"use client";

import { LayoutGrid, Pencil } from "lucide-react";
import { useState } from "react";
import { Button } from "~/app/_components/ui/button";
import { Card } from "~/app/_components/ui/card";
import { EmptyState } from "~/app/_components/ui/empty-state";
import { useOrg } from "~/app/_components/org/org-context";
import { hasRole } from "~/server/tenancy/contract";
import { PlanogramEditor } from "./planogram-editor";
import { PlanogramGrid } from "./planogram-grid";
import { usePlanogram } from "./use-machine";

/** The planogram: a grid of slots with live stock, or (for managers) its editor. */
export function PlanogramPanel({ machineId }: { machineId: string }) {
  const org = useOrg();
  const slots = usePlanogram(machineId);
  const [editing, setEditing] = useState(false);
  const manager = hasRole(org.role, "manager");
  const low = slots.filter((s) => s.productId && s.stock <= s.parLevel).length;
  return (
    <Card
      id="planogram"
      title="Planogram"
      description={
        editing
          ? "Slot codes are a row letter and a column number, such as A1. Par level is when the slot needs a refill."
          : slots.length > 0
            ? `${slots.length} ${slots.length === 1 ? "slot" : "slots"}${low > 0 ? `, ${low} at or below par` : ""}. The bar marks par level.`
            : "Which product each slot holds, at what price, and how many are left."
      }
      bodyClassName="p-0"
      actions={
        manager &&
        !editing && (
          <Button size="sm" onClick={() => setEditing(true)}>
            <Pencil aria-hidden />
            Edit planogram
          </Button>
        )
      }
    >
      {editing ? (
        <PlanogramEditor machineId={machineId} onDone={() => setEditing(false)} />
      ) : slots.length === 0 ? (
        <EmptyState
          icon={<LayoutGrid />}
          title="No slots yet"
          className="m-4"
          action={
            manager && (
              <Button variant="primary" size="sm" onClick={() => setEditing(true)}>
                Set up the planogram
              </Button>
            )
          }
        >
          {manager
            ? "Tell VendOps which product sits in which slot, how many fit and when to refill; vends then lower the stock."
            : "A manager sets which product sits in which slot."}
        </EmptyState>
      ) : (
        <PlanogramGrid slots={slots} currency={org.currency} />
      )}
    </Card>
  );
}
