"use client";

import { Printer } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "~/app/_components/ui/button";

export function PrintButton() {
  const t = useTranslations("routes.pickList");
  return (
    <Button variant="primary" onClick={() => window.print()}>
      <Printer aria-hidden />
      {t("print")}
    </Button>
  );
}
