import { createTranslator } from "next-intl";
import { messagesFor } from "~/server/i18n/messages";
import { localeFromAcceptLanguage } from "~/server/i18n/negotiate";

/**
 * `GET /o/{org}/routes/today/manifest.webmanifest`: the technician's route as an installable app
 * that opens on this org's route. It names nothing but the address it is served under, so it needs
 * no session (browsers fetch manifests without cookies), so its language is the browser's.
 */
export async function GET(request: Request, { params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const page = `/o/${encodeURIComponent(org)}/routes/today`;
  const locale = localeFromAcceptLanguage(request.headers.get("accept-language"));
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: "routes.manifest" });
  const manifest = {
    id: page,
    name: t("name"),
    short_name: t("shortName"),
    description: t("description"),
    lang: locale,
    start_url: page,
    scope: page,
    display: "standalone",
    orientation: "portrait",
    background_color: "#ffffff",
    theme_color: "#3b4fd8",
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
      { src: "/icons/icon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" },
    ],
  };
  return new Response(JSON.stringify(manifest), {
    headers: { "Content-Type": "application/manifest+json; charset=utf-8", "Cache-Control": "public, max-age=3600", Vary: "Accept-Language" },
  });
}
