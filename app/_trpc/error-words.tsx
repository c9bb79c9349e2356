"use client";

import { useTranslations } from "next-intl";
import { setErrorWords } from "./errors";

/** Gives errorMessageOf the page's words for failures the server could not phrase. Renders nothing. */
export function ErrorWords() {
  const t = useTranslations("common.errors");
  setErrorWords({ unreachable: t("unreachable"), forbiddenHint: t("forbiddenHint") });
  return null;
}
