"use client";

import { Printer } from "lucide-react";
import { Button } from "~/app/_components/ui/button";

export function PrintButton() {
  return (
    <Button variant="primary" onClick={() => window.print()}>
      <Printer aria-hidden />
      Print
    </Button>
  );
}
