"use client";

import { Check, Copy } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "./button";

/** Copies a text to the clipboard and says so for a moment; `what` names it for screen readers. */
export function CopyButton({ text, label, what, size }: { text: string; label?: string; what?: string; size?: "sm" | "md" }) {
  const t = useTranslations("common.ui.copy");
  const [copied, setCopied] = useState<boolean | "failed">(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      setCopied("failed");
    }
    setTimeout(() => setCopied(false), 2000);
  }
  return (
    <Button onClick={copy} aria-live="polite" size={size}>
      {copied === true ? <Check aria-hidden className="text-emerald-600" /> : <Copy aria-hidden />}
      {copied === true ? t("copied") : copied === "failed" ? t("failed") : (label ?? t("copy"))}
      {what && <span className="sr-only"> {what}</span>}
    </Button>
  );
}
