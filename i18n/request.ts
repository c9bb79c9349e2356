// next-intl's request configuration: the language and messages every server component and
// client component of a request renders with.
import { getRequestConfig } from "next-intl/server";
import { messagesFor } from "~/server/i18n/messages";
import { requestLocale } from "~/server/web/locale";

export default getRequestConfig(async () => {
  const locale = await requestLocale();
  return {
    locale,
    messages: messagesFor(locale),
    // Times render in each org's own zone, passed where they are formatted; this is only the fallback.
    timeZone: "UTC",
    onError(error) {
      // A missing message is a defect the check test catches; at run time it is logged, not thrown.
      console.error(`[i18n] ${error.message}`);
    },
    getMessageFallback({ namespace, key }) {
      return [namespace, key].filter(Boolean).join(".");
    },
  };
});
