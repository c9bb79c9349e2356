import type { APIRequestContext } from "@playwright/test";
import { DEMO_ORG, apiSignIn, apiSignUp, demoEmail, demoPassword, expect, newAccount, test } from "../fixtures";

// The language of the app: a person's own choice (their profile) wherever they sign in, else their
// browser's; consumer pages always follow the browser.
const han = /\p{Script=Han}/u;

async function trpcQuery<T>(request: APIRequestContext, path: string, input?: unknown): Promise<T> {
  const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  const res = await request.get(`/api/trpc/${path}${query}`);
  expect(res.ok(), `${path} answered ${res.status()}`).toBe(true);
  return ((await res.json()) as { result: { data: { json: T } } }).result.data.json;
}

test("a person chooses Chinese in their menu and reads the app in it on any browser, while a machine's page follows the browser", async ({ browser }) => {
  const english = await browser.newContext({ locale: "en-GB" });
  const account = newAccount("linguist");
  await apiSignUp(english.request, account);
  await apiSignIn(english, account);
  const page = await english.newPage();
  await page.goto("/orgs");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  await page.getByRole("button", { name: `Account: ${account.name}` }).click();
  await expect(page.getByRole("menuitemradio", { name: "As the browser asks (English)" })).toHaveAttribute("aria-checked", "true");
  await page.getByRole("menuitemradio", { name: "简体中文" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { level: 1 })).toContainText(han);

  // Another browser that asks for English: the choice is the person's, so the app stays Chinese.
  const elsewhere = await browser.newContext({ locale: "en-US" });
  await apiSignIn(elsewhere, account);
  const second = await elsewhere.newPage();
  await second.goto("/orgs");
  await expect(second.locator("html")).toHaveAttribute("lang", "zh-CN");
  await second.getByRole("button", { name: `账户：${account.name}` }).click();
  await expect(second.getByRole("menuitem", { name: "退出登录" })).toBeVisible();

  // A machine's pay page is a consumer's: it follows the browser, whoever is signed in.
  const owner = await browser.newContext({ locale: "en-GB" });
  await apiSignIn(owner, { email: demoEmail("owner"), password: demoPassword() });
  const { id: orgId } = (await trpcQuery<{ id: string; slug: string }[]>(owner.request, "org.mine")).find((o) => o.slug === DEMO_ORG.slug)!;
  const machines = await trpcQuery<{ id: string }[] | { machines: { id: string }[] }>(owner.request, "machines.list", { orgId });
  const machineId = (Array.isArray(machines) ? machines : machines.machines)[0]!.id;
  await second.goto(`/m/${machineId}`);
  await expect(second.locator("html")).toHaveAttribute("lang", "en");

  // Back to following the browser.
  await second.goto("/orgs");
  await second.getByRole("button", { name: `账户：${account.name}` }).click();
  await second.getByRole("menuitemradio", { name: /跟随浏览器/ }).click();
  await expect(second.locator("html")).toHaveAttribute("lang", "en");
  await Promise.all([english.close(), elsewhere.close(), owner.close()]);
});

test("a visitor whose browser asks for Chinese reads sign-in and a machine's page in Chinese", async ({ browser }) => {
  const chinese = await browser.newContext({ locale: "zh-CN" });
  const page = await chinese.newPage();
  await page.goto("/sign-in");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { level: 1 })).toContainText(han);
  // Traditional Chinese and bare "zh" read Simplified Chinese, the only Chinese the app writes.
  const taiwan = await browser.newContext({ locale: "zh-TW" });
  const other = await taiwan.newPage();
  await other.goto("/sign-in");
  await expect(other.locator("html")).toHaveAttribute("lang", "zh-CN");
  await Promise.all([chinese.close(), taiwan.close()]);
});
