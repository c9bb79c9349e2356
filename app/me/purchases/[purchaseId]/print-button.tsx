"use client";

import { Printer } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "~/app/_components/ui/button";

/** Prints the receipt (the print stylesheet leaves out the navigation and the buttons). */
export function PrintButton() {
  const t = useTranslations("consumer.me.receipt");
  return (
    <Button className="h-10 print:hidden" onClick={() => window.print()}>
      <Printer aria-hidden />
      {t("print")}
    </Button>
  );
}
