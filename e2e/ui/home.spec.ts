import { randomBytes } from "node:crypto";
import { expect, test } from "../fixtures";
import { sendMachineEvents } from "../machines";
import { orgWithVisitDueToday } from "../plan-org";
import { screenshots } from "../screenshots";

const viewports = [
  { name: "desktop", size: { width: 1280, height: 900 } },
  { name: "phone", size: { width: 390, height: 844 } },
];

for (const viewport of viewports) {
  test(`the home page on a ${viewport.name}: what needs me, an action in one click, and today's plan accepted with the technician told`, async ({ browser }, testInfo) => {
    test.setTimeout(120_000);
    const { ownerContext, owner, org, machine, tech, techContext } = await orgWithVisitDueToday(browser, "Home Vending");
    // A coin jam: a fault the home page must list with its action.
    const fault = { id: `evt-${randomBytes(6).toString("hex")}`, type: "machine.fault", occurredAt: new Date().toISOString(), data: { code: "COIN_JAM", severity: "warning" } };
    expect((await sendMachineEvents(ownerContext.request, machine.id, machine.secret, [fault])).status).toBe(200);

    const page = await ownerContext.newPage();
    await page.setViewportSize(viewport.size);
    const shoot = screenshots(page, testInfo);

    await test.step("the exception list names the machine, its reason and the money at risk", async () => {
      await page.goto(`/o/${org.slug}`);
      const attention = page.getByRole("region", { name: "Needs attention" });
      await expect(attention.getByTestId("money-at-risk")).toHaveText(/€\s?\d/);
      await expect(attention.getByTestId("money-at-risk")).not.toHaveText(/€\s?0\.00/);
      const card = attention.getByRole("article", { name: machine.name });
      await expect(card).toContainText(/COIN_JAM|coin/i);
      await shoot(`home-needs-attention-${viewport.name}`, { phone: false });
    });

    await test.step("an action opens what it names", async () => {
      await page.getByRole("region", { name: "Needs attention" }).getByRole("article", { name: machine.name }).getByRole("link", { name: "See the fault" }).click();
      await expect(page).toHaveURL(new RegExp(`/o/${org.slug}/alerts/`));
      await expect(page.getByRole("heading", { level: 1 })).toContainText(/fault|COIN_JAM|coin/i);
      await page.goBack();
    });

    await test.step("accepting today's plan tells the route's technician, once", async () => {
      const accept = page.getByRole("button", { name: "Accept today's plan and notify technicians" });
      await expect(accept).toBeVisible();
      // The button is big enough to tap.
      const box = await accept.boundingBox();
      expect(box!.height).toBeGreaterThanOrEqual(viewport.name === "phone" ? 44 : 36);
      await accept.click();
      const status = page.getByRole("status").filter({ hasText: "Today's plan" });
      await expect(status).toContainText(`accepted by ${owner.name}`);
      await expect(status).toContainText(`${tech.name} was told their stops.`);
      await expect(accept).toHaveCount(0);
      await shoot(`home-plan-accepted-${viewport.name}`, { phone: false, dark: false });

      // After a reload it still says so, and there is no button to press again.
      await page.reload();
      await expect(page.getByRole("status").filter({ hasText: "Today's plan" })).toContainText(`accepted by ${owner.name}`);
      await expect(page.getByRole("button", { name: "Accept today's plan and notify technicians" })).toHaveCount(0);
    });

    await test.step("the technician finds their stops in the notifications, once", async () => {
      const techPage = await techContext.newPage();
      await techPage.setViewportSize(viewport.size);
      await techPage.goto(`/o/${org.slug}/notifications`);
      const inbox = techPage.getByRole("region", { name: "Notifications" });
      await expect(inbox.getByText(/^Today's route: 1 stop, \d+ units$/)).toHaveCount(1);
      await expect(inbox).toContainText(machine.name);
      await techPage.close();
    });
    await Promise.all([ownerContext.close(), techContext.close()]);
  });
}
