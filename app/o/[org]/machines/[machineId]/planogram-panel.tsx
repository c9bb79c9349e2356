"use client";

import { LayoutGrid, Pencil } from "lucide-react";
import { useTranslations } from "next-intl";
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
  const t = useTranslations("machines.planogram");
  const [editing, setEditing] = useState(false);
  const manager = hasRole(org.role, "manager");
  const low = slots.filter((s) => s.productId && s.stock <= s.parLevel).length;
  return (
    <Card
      id="planogram"
      title={t("title")}
      description={editing ? t("editingDescription") : slots.length > 0 ? t("summary", { count: slots.length, low }) : t("emptyDescription")}
      bodyClassName="p-0"
      actions={
        manager &&
        !editing && (
          <Button size="sm" onClick={() => setEditing(true)}>
            <Pencil aria-hidden />
            {t("edit")}
          </Button>
        )
      }
    >
      {editing ? (
        <PlanogramEditor machineId={machineId} onDone={() => setEditing(false)} />
      ) : slots.length === 0 ? (
        <EmptyState
          icon={<LayoutGrid />}
          title={t("noSlots")}
          className="m-4"
          action={
            manager && (
              <Button variant="primary" size="sm" onClick={() => setEditing(true)}>
                {t("setUp")}
              </Button>
            )
          }
        >
          {manager ? t("emptyManager") : t("emptyViewer")}
        </EmptyState>
      ) : (
        <PlanogramGrid slots={slots} currency={org.currency} />
      )}
    </Card>
  );
}
