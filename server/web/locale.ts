import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { type Locale } from "~/server/i18n/locales";
import { localeFromAcceptLanguage } from "~/server/i18n/negotiate";
import { followsBrowser, PATH_HEADER } from "./locale-path";
import { currentUser } from "./session";

/**
 * The language of this request: the signed-in person's choice (their profile), else what the
 * browser asks for. Consumer pages always follow the browser. Cached per request.
 */
export const requestLocale = cache(async (): Promise<Locale> => {
  const h = await headers();
  const browser = localeFromAcceptLanguage(h.get("accept-language"));
  if (followsBrowser(h.get(PATH_HEADER) ?? "")) return browser;
  const user = await currentUser();
  return user?.locale ?? browser;
});
