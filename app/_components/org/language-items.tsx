"use client";

import { Check, Languages } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { DropdownMenu } from "radix-ui";
import { useTransition } from "react";
import { LOCALE_NAMES, LOCALES } from "~/server/i18n/locales";
import { menuItemClasses, menuLabelClasses } from "../ui/menu-styles";
import { saveLocaleAction } from "./locale-action";

const BROWSER = "browser";

/** The language choice in the account menu: a language, or whatever the browser asks for. */
export function LanguageItems({ chosen }: { chosen: string | null }) {
  const t = useTranslations("common.userMenu");
  const locale = useLocale();
  const router = useRouter();
  const [saving, startSaving] = useTransition();
  return (
    <DropdownMenu.RadioGroup
      value={chosen ?? BROWSER}
      onValueChange={(value) =>
        startSaving(async () => {
          await saveLocaleAction(value === BROWSER ? null : value);
          router.refresh();
        })
      }
      aria-busy={saving}
    >
      <DropdownMenu.Label className={menuLabelClasses}>
        <Languages aria-hidden className="mr-2 inline size-3.5" />
        {t("language")}
      </DropdownMenu.Label>
      {LOCALES.map((l) => (
        <DropdownMenu.RadioItem key={l} value={l} lang={l} className={menuItemClasses} disabled={saving}>
          <Indicator />
          {LOCALE_NAMES[l]}
        </DropdownMenu.RadioItem>
      ))}
      <DropdownMenu.RadioItem value={BROWSER} className={menuItemClasses} disabled={saving}>
        <Indicator />
        {t("browserLanguage", { language: LOCALE_NAMES[locale] })}
      </DropdownMenu.RadioItem>
    </DropdownMenu.RadioGroup>
  );
}

function Indicator() {
  return (
    <span className="inline-flex size-4 items-center">
      <DropdownMenu.ItemIndicator>
        <Check aria-hidden />
      </DropdownMenu.ItemIndicator>
    </span>
  );
}
