"use client";

import { Printer } from "lucide-react";
import { Button } from "~/app/_components/ui/button";

/** Prints the receipt (the print stylesheet leaves out the navigation and the buttons). */
export function PrintButton() {
  return (
    <Button className="h-10 print:hidden" onClick={() => window.print()}>
      <Printer aria-hidden />
      Print
    </Button>
  );
}
