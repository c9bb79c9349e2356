import { randomBytes } from "node:crypto";
import { MachineClient } from "../../sim/client";
import { apiCreateOrg, apiSignIn, apiSignUp, expect, newAccount, test, trpcMutation } from "../fixtures";
import { screenshots } from "../screenshots";

test("a fault sent by the reference machine client shows up in the alerts inbox and the bell within seconds; acknowledge, then resolve", async ({ page, context }, testInfo) => {
  test.setTimeout(90_000);
  const id = randomBytes(3).toString("hex");
  const owner = newAccount("owner");
  await apiSignUp(context.request, owner);
  await apiSignIn(context, owner);
  const org = await apiCreateOrg(context, `Alert Vending ${id}`);
  const call = <T,>(path: string, input: Record<string, unknown>) => trpcMutation<T>(context.request, path, { orgId: org.id, ...input });
  const location = await call<{ id: string }>("locations.create", { name: "Airport gate B", kind: "airport" });
  const { machine, credentials } = await call<{ machine: { id: string }; credentials: { secret: string } }>("machines.register", {
    name: "Gate B drinks",
    serial: `SN-${id}`,
    locationId: location.id,
  });
  const shoot = screenshots(page, testInfo);

  await page.goto(`/o/${org.slug}/alerts`);
  await expect(page.getByRole("heading", { name: "All quiet" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Notifications", exact: true }).first()).toBeVisible();

  const client = new MachineClient({ baseUrl: `http://localhost:${process.env.E2E_PORT ?? 3100}`, machineId: machine.id, secret: credentials.secret });
  client.enqueue({
    id: `evt-${id}-1`,
    type: "machine.fault",
    occurredAt: new Date().toISOString(),
    data: { code: "COOLING", severity: "critical", message: "Cooling unit: temperature above 8 °C" },
  });
  const report = await client.flushUntilDone();
  expect(report.rejected).toEqual([]);

  // Live: the page polls; no reload.
  const row = page.getByRole("row", { name: /Machine fault COOLING/ });
  await expect(row).toBeVisible({ timeout: 15_000 });
  await expect(row).toContainText("Gate B drinks");
  await expect(row).toContainText("Critical");
  await expect(page.getByRole("link", { name: "Notifications, 1 unread" }).first()).toBeVisible({ timeout: 15_000 });
  await shoot("alerts-inbox");

  await row.getByRole("link", { name: /Machine fault COOLING/ }).click();
  await expect(page.getByRole("heading", { name: "Machine fault COOLING" })).toBeVisible();
  const timeline = page.getByRole("list", { name: "Alert timeline" });
  await expect(timeline).toContainText("Raised (critical)");
  await page.getByRole("button", { name: "Acknowledge" }).click();
  await expect(page.getByText("Acknowledged", { exact: true }).first()).toBeVisible();
  await expect(timeline).toContainText(`Assigned to ${owner.name}`);
  await expect(page.getByLabel("Assignee")).toHaveValue(/usr_/);
  await page.getByLabel("Resolution note").fill("Reset the compressor");
  await shoot("alert-detail", { phone: false });
  await page.getByRole("button", { name: "Resolve" }).click();
  await expect(timeline).toContainText("Resolved by hand: “Reset the compressor”");
  await expect(page.getByRole("button", { name: "Resolve" })).toBeHidden();

  await page.getByRole("link", { name: "Alerts", exact: true }).first().click();
  await expect(page.getByRole("heading", { name: "All quiet" })).toBeVisible();

  await page.getByRole("link", { name: "Notifications, 1 unread" }).first().click();
  await expect(page.getByRole("link", { name: "Machine fault COOLING on Gate B drinks" })).toBeVisible();
  await page.getByRole("button", { name: "Mark all read" }).click();
  await expect(page.getByText("All read", { exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "Notifications", exact: true }).first()).toBeVisible();
  await shoot("notifications", { phone: false });
});
