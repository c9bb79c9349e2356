/**
 * `GET /o/{org}/routes/today/manifest.webmanifest`: the technician's route as an installable app
 * that opens on this org's route. It names nothing but the address it is served under, so it needs
 * no session (browsers fetch manifests without cookies).
 */
export async function GET(_request: Request, { params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const page = `/o/${encodeURIComponent(org)}/routes/today`;
  const manifest = {
    id: page,
    name: "VendOps · Today's route",
    short_name: "Route",
    description: "Today's stops, pick list and visits, also without a network.",
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
    headers: { "Content-Type": "application/manifest+json; charset=utf-8", "Cache-Control": "public, max-age=3600" },
  });
}
