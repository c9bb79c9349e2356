import { describe, expect, it } from "vitest";
import { GET } from "./route";

const manifestOf = async (org: string) => {
  const res = await GET(new Request(`http://localhost/o/${org}/routes/today/manifest.webmanifest`), { params: Promise.resolve({ org }) });
  return { res, body: (await res.json()) as Record<string, unknown> & { icons: { src: string; sizes: string; purpose: string }[] } };
};

describe("the route page's manifest", () => {
  it("opens the installed app on the org's route, with icons at 192 and 512 px and a maskable one", async () => {
    const { res, body } = await manifestOf("demo-vending");
    expect(res.headers.get("content-type")).toBe("application/manifest+json; charset=utf-8");
    expect(body).toMatchObject({ start_url: "/o/demo-vending/routes/today", scope: "/o/demo-vending/routes/today", display: "standalone" });
    expect(body.icons.map((i) => `${i.src} ${i.sizes} ${i.purpose}`)).toEqual(
      expect.arrayContaining(["/icons/icon-192.png 192x192 any", "/icons/icon-512.png 512x512 any", "/icons/icon-maskable-512.png 512x512 maskable"]),
    );
  });

  it("keeps whatever the address holds inside the app's own path", async () => {
    const { body } = await manifestOf('x"/../../evil?<a>');
    expect(body.start_url).toBe(`/o/${encodeURIComponent('x"/../../evil?<a>')}/routes/today`);
    expect(String(body.start_url).startsWith("/o/")).toBe(true);
    expect(String(body.start_url)).not.toContain("/../");
  });
});
