// Screenshots of pages as specs reach them, at desktop width (light and dark) and phone width, in
// test-results/screens/ for people to look at; attached to the test report too. Taken only when
// SCREENSHOTS=1 is set (`SCREENSHOTS=1 npm run test:e2e`); otherwise a spec's calls do nothing.
import type { Page, TestInfo } from "@playwright/test";
import path from "node:path";

const phone = { width: 390, height: 844 };

/** Whether this run takes screenshots for people to look at (not those of failures). */
export const takeScreenshots = process.env.SCREENSHOTS === "1";

type Shoot = (name: string, options?: { phone?: boolean; dark?: boolean }) => Promise<void>;

export function screenshots(page: Page, testInfo: TestInfo): Shoot {
  if (!takeScreenshots) return async () => {};
  const dir = path.join(testInfo.config.rootDir, "..", "test-results", "screens");
  return async (name, options = {}) => {
    const shots: [string, () => Promise<void>][] = [["desktop", async () => {}]];
    if (options.dark ?? true) shots.push(["dark", () => page.emulateMedia({ colorScheme: "dark" })]);
    if (options.phone ?? true) shots.push(["phone", () => page.setViewportSize(phone)]);
    const viewport = page.viewportSize();
    for (const [variant, prepare] of shots) {
      await prepare();
      const body = await page.screenshot({ fullPage: true, animations: "disabled", path: path.join(dir, `${name}-${variant}.png`) });
      await testInfo.attach(`${name} (${variant})`, { body, contentType: "image/png" });
      await page.emulateMedia({ colorScheme: "light" });
      if (viewport) await page.setViewportSize(viewport);
    }
  };
}
