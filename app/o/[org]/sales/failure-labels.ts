// Why a vend failed, in words: `sales.failure.<reason>`.
import { useTranslations } from "next-intl";

/** Why a vend failed, in words; a reason the app does not know is shown as the machine sent it. */
export function useFailureLabel(): (reason: string) => string {
  const t = useTranslations("sales.failure");
  return (reason) => (t.has(reason as Parameters<typeof t>[0]) ? t(reason as Parameters<typeof t>[0]) : reason);
}
