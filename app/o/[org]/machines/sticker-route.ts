import { createTranslator } from "next-intl";
import { z } from "zod";
import { machineStickers, stickersPdf } from "~/server/fleet";
import { messagesFor } from "~/server/i18n/messages";
import { localeFromAcceptLanguage } from "~/server/i18n/negotiate";
import { checkoutBaseUrl, requestOrigin } from "~/server/payments";
import { orgDownload, type RequestSession } from "~/server/web";

type Params = { org: string; machineId?: string };

/**
 * `GET /o/{org}/machines/stickers.pdf` (the fleet, six to an A4 page) and
 * `GET /o/{org}/machines/{machineId}/sticker.pdf` (one machine): QR stickers for the machines' pay pages.
 */
export function stickersDownload(layout: "single" | "sheet") {
  return (request: Request, context: { params: Promise<Params> }, session?: RequestSession) => {
    // APP_URL when set, else the address this request was made to: where a consumer's phone reaches the pay page.
    const baseUrl = checkoutBaseUrl(requestOrigin(request.headers));
    const locale = localeFromAcceptLanguage(request.headers.get("accept-language"));
    const t = createTranslator({ locale, messages: messagesFor(locale), namespace: "machines.list" });
    return orgDownload({
      least: "viewer",
      read: (_url, params: Params) => ({ machineId: params.machineId }),
      input: z.object({ machineId: z.string().min(1).max(64).optional() }),
      none: t("noStickers"),
      file: async (ctx, { org, input, locale: reader }) => {
        const stickers = await machineStickers(ctx, input);
        if (stickers.length === 0) return null;
        const name = input.machineId ? `${org.slug}-sticker-${input.machineId}.pdf` : `${org.slug}-stickers.pdf`;
        return { name, type: "application/pdf", body: new Uint8Array(await stickersPdf(stickers, { orgName: org.name, baseUrl, layout, locale: reader })) };
      },
    })(request, context as { params: Promise<Params & { org: string }> }, session);
  };
}
