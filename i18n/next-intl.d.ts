import type { Locale } from "~/server/i18n/locales";
import type { Messages } from "~/server/i18n/messages";

// Message keys and their arguments are checked by the compiler.
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}
