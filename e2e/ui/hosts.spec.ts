import type { APIRequestContext, BrowserContext } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { apiCreateOrg, apiSignIn, apiSignUp, expect, newAccount, test, trpcMutation } from "../fixtures";
import { restockEvent, sendMachineEvents, vendEvent } from "../machines";
import { screenshots } from "../screenshots";

const monthName = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });

/** The month before this one in Europe/Berlin, "2026-11", its name, and a moment in its middle. */
function closedMonth() {
  const [y, m] = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin", year: "numeric", month: "2-digit" }).format(new Date()).split("-").map(Number) as [number, number];
  const middle = new Date(Date.UTC(m === 1 ? y - 1 : y, m === 1 ? 11 : m - 2, 15, 12));
  const month = middle.toISOString().slice(0, 7);
  return { month, name: monthName.format(middle), middle };
}

async function trpcQuery<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const res = await request.get(`/api/trpc/${path}`, { params: { input: JSON.stringify({ json: input }) } });
  const body = (await res.json()) as { result?: { data: { json: T } }; error?: unknown };
  if (!res.ok() || !body.result) throw new Error(`${path} answered ${res.status()}: ${JSON.stringify(body.error ?? body)}`);
  return body.result.data.json;
}

/** A new org (Europe/Berlin, EUR) with a place whose machine sold five colas in the middle of the last closed month. */
async function orgWithLastMonthSales(context: BrowserContext, at: Date) {
  const id = randomBytes(3).toString("hex");
  const owner = newAccount("owner");
  await apiSignUp(context.request, owner);
  await apiSignIn(context, owner);
  const org = await apiCreateOrg(context, `Host Vending ${id}`);
  const call = <T,>(path: string, input: Record<string, unknown>) => trpcMutation<T>(context.request, path, { orgId: org.id, ...input });
  const placeName = `Town library ${id}`;
  const location = await call<{ id: string }>("locations.create", { name: placeName, kind: "office" });
  // A second place of the same org, which the host is not invited to.
  const otherPlace = await call<{ id: string }>("locations.create", { name: `Swimming pool ${id}`, kind: "gym" });
  const cola = await call<{ id: string }>("products.create", { sku: "COLA", name: "Cola", priceMinor: 250, costMinor: 100 });
  const { machine, credentials } = await call<{ machine: { id: string }; credentials: { secret: string } }>("machines.register", {
    name: `Library lobby ${id}`,
    serial: `SN-${id}`,
    locationId: location.id,
  });
  await call("planogram.set", { machineId: machine.id, slots: [{ code: "A1", productId: cola.id, capacity: 20, parLevel: 5 }] });
  const minute = 60_000;
  const sent = await sendMachineEvents(context.request, machine.id, credentials.secret, [
    restockEvent([{ slot: "A1", quantity: 20 }], new Date(at.getTime() - 60 * minute)),
    ...[1, 2, 3].map((i) => vendEvent("A1", { priceMinor: 250, method: "card", at: new Date(at.getTime() + i * minute) })),
    ...[4, 5].map((i) => vendEvent("A1", { priceMinor: 250, method: "cash", at: new Date(at.getTime() + i * minute) })),
  ]);
  expect(sent.json.results?.every((r) => r.status === "accepted")).toBe(true);
  return { org, placeName, otherPlaceId: otherPlace.id };
}

test("the operator sets a host contract, approves and sends the month's statement; the host sees it", async ({ page, context, browser }, testInfo) => {
  test.setTimeout(150_000);
  const shoot = screenshots(page, testInfo);
  const closed = closedMonth();
  const { org, placeName, otherPlaceId } = await orgWithLastMonthSales(context, closed.middle);
  const host = newAccount("host");
  let invitationPath = "";
  let totalText = "";

  await test.step("the location's page: set a contract from the closed month, with the server's checks at the fields", async () => {
    await page.goto(`/o/${org.slug}/locations`);
    await page.getByRole("link", { name: placeName, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: placeName })).toBeVisible();
    await expect(page.getByText("No host contract")).toBeVisible();
    await page.getByRole("button", { name: "Set a contract" }).click();
    const dialog = page.getByRole("dialog", { name: `Host contract for ${placeName}` });
    await dialog.getByLabel("Starts in").fill(closed.month);
    await dialog.getByLabel("On", { exact: true }).selectOption("net");
    await dialog.getByLabel("Rate (%)", { exact: true }).fill("150");
    await dialog.getByLabel(`Rent per month (EUR)`).fill("50");
    await dialog.getByLabel("Contact e-mails").fill("not-an-address");
    await dialog.getByRole("button", { name: "Save contract" }).click();
    // Read before sending: a rate above 100 %.
    await expect(dialog.getByText("Use a percentage from 0 to 100, like 12.5.")).toBeVisible();
    await dialog.getByLabel("Rate (%)", { exact: true }).fill("15");
    await dialog.getByRole("button", { name: "Save contract" }).click();
    // Refused by the server: its message shows at the field.
    await expect(dialog.getByLabel("Contact e-mails")).toHaveAttribute("aria-invalid", "true");
    await expect(dialog.getByText(/Enter e-mail addresses like/)).toBeVisible();
    await dialog.getByLabel("Contact e-mails").fill("accounts@library.example");
    await dialog.getByRole("button", { name: "Save contract" }).click();
    await expect(dialog).toBeHidden();
    const inForce = page.getByTestId("contract-in-force");
    await expect(inForce).toContainText("15 % of net sales; rent €50/month");
    await expect(inForce).toContainText("accounts@library.example");
    await expect(page.getByRole("table", { name: /Host contracts of/ })).toContainText(`From ${closed.name}`);
  });

  await test.step("the location's page: invite the host", async () => {
    await page.getByLabel("Host's e-mail").fill(host.email);
    await page.getByRole("button", { name: "Invite host" }).click();
    const link = page.getByLabel("Host invitation link");
    await expect(link).toHaveValue(/\/host-invite\//);
    invitationPath = new URL(await link.inputValue()).pathname;
    await expect(page.getByRole("list", { name: "Pending invitations" })).toContainText(host.email);
    await shoot("hosts-location");
  });

  await test.step("host statements: generate the closed month by hand", async () => {
    await page.getByRole("link", { name: "Hosts", exact: true }).first().click();
    await expect(page.getByRole("heading", { level: 1, name: "Host statements" })).toBeVisible();
    await expect(page.getByRole("combobox", { name: "Month" })).toHaveValue(closed.month);
    const row = page.getByRole("row", { name: new RegExp(placeName) });
    if ((await row.count()) === 0) {
      await expect(page.getByText(`No statements for ${closed.name}`)).toBeVisible();
      await page.getByRole("button", { name: `Generate ${closed.name}` }).click();
      await expect(page.getByRole("status").filter({ hasText: `Statements for ${closed.name}` })).toContainText("1 new");
    }
    await expect(row).toContainText("Draft");
    await expect(page.getByRole("rowheader", { name: /Total · 1 statement/ })).toBeVisible();
    await shoot("hosts-statements");
    await row.getByRole("link", { name: placeName, exact: true }).click();
  });

  await test.step("the statement: rule applied, lines, an adjustment, approve and send", async () => {
    await expect(page.getByRole("heading", { level: 1, name: `${placeName} · ${closed.name}` })).toBeVisible();
    await expect(page.getByTestId("rule-applied")).toHaveText("15 % of net sales; rent €50/month");
    const lines = page.getByRole("table", { name: "Sales by machine and payment method" });
    await expect(lines.getByRole("row", { name: /Card/ })).toContainText("3");
    await expect(lines.getByRole("row", { name: /Cash/ })).toContainText("2");

    await page.getByRole("button", { name: "Add adjustment" }).click();
    const adjust = page.getByRole("dialog", { name: "Add an adjustment" });
    await adjust.getByLabel("Amount (EUR)").fill("5");
    await adjust.getByLabel("Reason").fill("Electricity for the machine, agreed with the library");
    await adjust.getByRole("button", { name: "Add adjustment" }).click();
    await expect(adjust).toBeHidden();
    await expect(page.getByText("Electricity for the machine, agreed with the library")).toBeVisible();
    const statementId = page.url().split("/").pop()!;
    const saved = await trpcQuery<{ commissionMinor: number; adjustmentsMinor: number; totalMinor: number }>(context.request, "hosts.statements.get", { orgId: org.id, statementId });
    expect(saved.adjustmentsMinor).toBe(500);
    expect(saved.totalMinor).toBe(saved.commissionMinor + 500);
    // 15 % of net sales (at most €12.50 of colas) plus €50 rent.
    expect(saved.commissionMinor).toBeGreaterThanOrEqual(5000);
    expect(saved.commissionMinor).toBeLessThanOrEqual(5000 + 188);
    totalText = new Intl.NumberFormat("en-GB", { style: "currency", currency: "EUR" }).format(saved.totalMinor / 100);
    await expect(page.getByTestId("statement-total")).toHaveText(totalText);

    await page.getByRole("button", { name: "Approve" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Approve" }).click();
    await expect(page.getByRole("heading", { level: 1 }).locator("..")).toContainText("Approved");
    await expect(page.getByTestId("statement-recipients")).toContainText("accounts@library.example");
    await page.getByRole("button", { name: "Send to host" }).click();
    const confirm = page.getByRole("alertdialog");
    await expect(confirm).toContainText("accounts@library.example");
    await confirm.getByRole("button", { name: "Send" }).click();
    await expect(confirm).toBeHidden();
    await expect(page.getByRole("heading", { level: 1 }).locator("..")).toContainText("Sent");
    await expect(page.getByRole("button", { name: "Mark paid" })).toBeVisible();
    await shoot("hosts-statement");

    for (const format of ["csv", "pdf"]) {
      const res = await context.request.get(`/o/${org.slug}/hosts/statements/${statementId}/${format}`);
      expect(res.status(), `${format} download`).toBe(200);
    }
  });

  await test.step("the host accepts the invitation and sees the statement", async () => {
    const hostContext = await browser.newContext();
    await apiSignUp(hostContext.request, host);
    await apiSignIn(hostContext, host);
    await trpcMutation(hostContext.request, "hostPortal.accept", { token: invitationPath.split("/").pop() });
    const hostPage = await hostContext.newPage();
    await hostPage.goto("/h");
    await hostPage.getByRole("link", { name: placeName }).first().click();
    await expect(hostPage.getByRole("heading", { level: 1, name: placeName })).toBeVisible();
    const statement = hostPage.getByRole("listitem").filter({ hasText: closed.name }).filter({ hasText: totalText });
    await expect(statement).toContainText("Sent");
    await expect(statement.getByRole("link", { name: /PDF/ })).toBeVisible();
    expect((await hostContext.request.get(`/o/${org.slug}/hosts`)).status(), "the operator's pages stay closed to a host").toBe(404);
    expect((await hostContext.request.get(`/h/${org.slug}/locations/${otherPlaceId}`)).status(), "another place of the same org stays closed").toBe(404);
    await screenshots(hostPage, testInfo)("hosts-host-portal");
    await hostPage.goto("/h");
    await expect(hostPage.getByRole("link", { name: placeName }).first()).toBeVisible();
    await expect(hostPage.getByRole("link", { name: /Swimming pool/ })).toHaveCount(0);
    await hostContext.close();
  });
});
