import { randomBytes } from "node:crypto";
import path from "node:path";
import { apiCreateOrg, apiSignIn, apiSignUp, expect, newAccount, test, trpcMutation } from "../fixtures";
import { screenshots, takeScreenshots } from "../screenshots";

test("a new operator signs up, creates an organization and brings in a manager", async ({ page, browser }, testInfo) => {
  const owner = newAccount("owner");
  const id = randomBytes(3).toString("hex");
  const orgName = `Snack Route ${id}`;
  const slug = `snack-route-${id}`;

  await test.step("sign up through the form", async () => {
    await page.goto("/sign-up");
    await page.getByLabel("Your name").fill(owner.name);
    await page.getByLabel("Work e-mail").fill(owner.email);
    await page.getByLabel("Password").fill(owner.password);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL(/\/orgs\/new$/);
  });

  await test.step("create an organization", async () => {
    await page.getByLabel("Organization name").fill(orgName);
    await expect(page.getByLabel("Address")).toHaveValue(slug);
    await page.getByRole("combobox", { name: "Time zone" }).click();
    await page.getByRole("combobox", { name: "Time zones" }).fill("berlin");
    await page.keyboard.press("Enter");
    await expect(page.getByRole("combobox", { name: "Time zone" })).toHaveText("Europe/Berlin");
    await page.getByRole("combobox", { name: "Currency" }).click();
    await page.getByRole("combobox", { name: "Currencies" }).fill("euro");
    await page.getByRole("option", { name: /^EUR/ }).click();
    await page.getByRole("button", { name: "Create organization" }).click();
    await expect(page).toHaveURL(new RegExp(`/o/${slug}$`));
    await expect(page.getByRole("heading", { level: 1, name: orgName })).toBeVisible();
    await expect(page.getByText("Europe/Berlin", { exact: true })).toBeVisible();
  });

  const invitee = newAccount("manager");
  let link = "";
  await test.step("invite a manager and read the link from the page", async () => {
    await page.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "Members" }).click();
    await page.getByLabel("E-mail", { exact: true }).fill(invitee.email);
    await page.getByLabel("Role", { exact: true }).selectOption("manager");
    await page.getByRole("button", { name: "Send invitation" }).click();
    link = await page.getByLabel("Invitation link").inputValue();
    expect(link).toMatch(/^http:\/\/localhost:\d+\/invite\/[A-Za-z0-9_-]{20,}$/);
    await expect(page.getByText(`send this link to ${invitee.email} yourself`)).toBeVisible();
    const row = page.getByRole("table", { name: "Recent invitations" }).getByRole("row", { name: new RegExp(invitee.email) });
    await expect(row.getByText("Pending")).toBeVisible();
  });

  await test.step("the invitee signs up through the link and accepts", async () => {
    const context = await browser.newContext();
    const guest = await context.newPage();
    await guest.goto(link);
    await expect(guest.getByRole("heading", { name: orgName })).toBeVisible();
    await expect(guest.getByText(invitee.email, { exact: true })).toBeVisible();
    await guest.getByRole("link", { name: "Create account" }).click();
    await expect(guest.getByLabel("Work e-mail")).toHaveValue(invitee.email);
    await guest.getByLabel("Your name").fill(invitee.name);
    await guest.getByLabel("Password").fill(invitee.password);
    await guest.getByRole("button", { name: "Create account" }).click();
    await expect(guest).toHaveURL(/\/invite\/[A-Za-z0-9_-]+$/);
    await guest.getByRole("button", { name: "Accept invitation" }).click();
    await expect(guest).toHaveURL(new RegExp(`/o/${slug}$`));
    await expect(guest.getByRole("heading", { level: 1, name: orgName })).toBeVisible();
    await expect(guest.locator("dt", { hasText: "Your role" }).locator("+ dd")).toContainText("Manager");
    // Managers do not see the admin sections, and the audit log says why rather than failing.
    const nav = guest.getByRole("navigation", { name: "Organization" });
    await expect(nav.getByRole("link", { name: "Members" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Audit log" })).toHaveCount(0);
    await guest.goto(`/o/${slug}/audit`);
    await expect(guest.getByText("You need the admin role to see the audit log")).toBeVisible();
    // The link is single use.
    await guest.goto(link);
    await expect(guest.getByText("This invitation has already been used")).toBeVisible();
    await context.close();
  });

  await test.step("the owner sees the new member, the accepted invitation and the audit trail", async () => {
    await page.reload();
    const member = page.getByRole("row", { name: new RegExp(invitee.name) });
    await expect(member.getByRole("combobox", { name: `Role of ${invitee.name}` })).toHaveValue("manager");
    const invitation = page.getByRole("table", { name: "Recent invitations" }).getByRole("row", { name: new RegExp(invitee.email) });
    await expect(invitation.getByText("Accepted")).toBeVisible();

    // The only owner cannot leave; the server's reason is shown in the dialog.
    await page.getByRole("button", { name: "Leave organization" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Leave organization" }).click();
    await expect(page.getByRole("alertdialog").getByRole("alert")).toContainText("An organization needs at least one owner");
    await page.getByRole("alertdialog").getByRole("button", { name: "Cancel" }).click();

    if (takeScreenshots) {
      const shot = await page.screenshot({ fullPage: true, path: path.join(testInfo.config.rootDir, "..", "test-results", "shell.png") });
      await testInfo.attach("operator shell (members page)", { body: shot, contentType: "image/png" });
    }

    // Admins change roles in the table; the change is recorded in words.
    await member.getByRole("combobox", { name: `Role of ${invitee.name}` }).selectOption("technician");
    await expect(member.getByRole("combobox", { name: `Role of ${invitee.name}` })).toHaveValue("technician");
    await expect(member.getByRole("combobox", { name: `Role of ${invitee.name}` })).toBeEnabled();

    await page.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "Settings" }).click();
    await page.getByRole("combobox", { name: "Currency" }).click();
    await page.getByRole("combobox", { name: "Currencies" }).fill("swiss franc");
    await page.keyboard.press("Enter");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("Settings saved.")).toBeVisible();

    await page.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "Audit log" }).click();
    await expect(page.getByText("changed the currency from EUR to CHF")).toBeVisible();
    await expect(page.getByText(`changed ${invitee.name}’s role from manager to technician`)).toBeVisible();
    await expect(page.getByText(`invited ${invitee.email} as manager`)).toBeVisible();
    await expect(page.getByText("accepted the invitation and joined as manager")).toBeVisible();
    await expect(page.getByText(`created the organization ${orgName}`)).toBeVisible();
  });

  await test.step("someone from another organization gets 404 on every URL of this one", async () => {
    const context = await browser.newContext();
    const outsider = newAccount("outsider");
    await apiSignUp(context.request, outsider);
    await apiSignIn(context, outsider);
    await apiCreateOrg(context, `Other Vending ${id}`);
    const stranger = await context.newPage();
    for (const url of [`/o/${slug}`, `/o/${slug}/members`, `/o/${slug}/audit`, `/o/${slug}/settings`]) {
      const response = await stranger.goto(url);
      expect(response?.status(), url).toBe(404);
      await expect(stranger.getByRole("heading", { name: "Page not found" })).toBeVisible();
      await expect(stranger.getByText(orgName)).toHaveCount(0);
    }
    // The same answer as for an organization that does not exist.
    expect((await stranger.goto(`/o/no-such-org-${id}`))?.status()).toBe(404);
    await context.close();
  });
});

const viewports = [
  { name: "desktop", size: { width: 1280, height: 900 } },
  { name: "phone", size: { width: 390, height: 844 } },
];

for (const viewport of viewports) {
  test(`a new owner connects a first machine on a ${viewport.name}: credentials, an example request, a test event and the checklist`, async ({ page }, testInfo) => {
    test.setTimeout(150_000);
    await page.setViewportSize(viewport.size);
    const shoot = screenshots(page, testInfo);
    const fits = async (what: string) =>
      expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth), { message: `${what} fits ${viewport.size.width} px` }).toBeLessThanOrEqual(viewport.size.width);
    const owner = newAccount("owner");
    const id = randomBytes(3).toString("hex");
    const slug = `first-machine-${id}`;

    await test.step("sign up and create an organization", async () => {
      await page.goto("/sign-up");
      await page.getByLabel("Your name").fill(owner.name);
      await page.getByLabel("Work e-mail").fill(owner.email);
      await page.getByLabel("Password").fill(owner.password);
      await page.getByRole("button", { name: "Create account" }).click();
      await expect(page).toHaveURL(/\/orgs\/new$/);
      await page.getByLabel("Organization name").fill(`First Machine ${id}`);
      await expect(page.getByLabel("Address")).toHaveValue(slug);
      await page.getByRole("button", { name: "Create organization" }).click();
      await expect(page).toHaveURL(new RegExp(`/o/${slug}$`));
    });

    const steps = page.getByRole("region", { name: "Get started" }).getByRole("listitem");
    await test.step("the checklist starts with everything to do", async () => {
      await expect(steps.filter({ hasText: "Add your products" })).toContainText("To do:");
      await expect(steps.filter({ hasText: "Receive a machine's first event" })).toContainText("To do:");
      await fits("the overview");
    });

    await test.step("add a product", async () => {
      await page.getByRole("link", { name: "Add products" }).click();
      await expect(page).toHaveURL(new RegExp(`/o/${slug}/products$`));
      await page.getByRole("button", { name: "Add product" }).first().click();
      const dialog = page.getByRole("dialog", { name: "Add a product" });
      await dialog.getByLabel("SKU").fill("COLA-033");
      await dialog.getByLabel("Name").fill("Cola 0.33 l");
      await dialog.getByLabel("Category").fill("Drinks");
      await dialog.getByLabel(/^Price/).fill("2.50");
      await dialog.getByLabel(/^Cost/).fill("0.90");
      await dialog.getByRole("button", { name: "Add product" }).click();
      await expect(dialog).toBeHidden();
      await page.goto(`/o/${slug}`);
      await expect(steps.filter({ hasText: "Add your products" })).toContainText("Done:");
    });

    let machineId = "";
    let secret = "";
    const created = page.getByRole("dialog", { name: "Lobby 1 is registered" });
    await test.step("register a machine and see its credentials and an example request", async () => {
      await page.getByRole("link", { name: "Register machine" }).click();
      const dialog = page.getByRole("dialog", { name: "Register a machine" });
      await dialog.getByLabel("Name").fill("Lobby 1");
      await dialog.getByLabel("Serial number").fill(`SN-${id}`);
      await dialog.getByRole("button", { name: "Register machine" }).click();
      await expect(created.getByText("it will not be shown again")).toBeVisible();
      machineId = await created.getByLabel("Machine ID").inputValue();
      secret = await created.getByLabel("Secret").inputValue();
      expect(machineId).toMatch(/^mch_/);
      const code = created.locator("pre");
      await expect(code).toContainText(`SECRET='${secret}'`);
      await expect(code).toContainText(`/api/v1/machines/${machineId}/events`);
      await expect(code).toContainText('webhook-signature: v1,$SIG');
      await created.getByRole("button", { name: "Node.js" }).click();
      await expect(code).toContainText('import { Webhook } from "standardwebhooks";');
      await expect(code).toContainText(`const secret = "${secret}";`);
      await expect(created.getByRole("status").filter({ hasText: "Waiting for the first event" })).toBeVisible();
      await fits("the credentials");
      await shoot(`onboarding-connect-waiting-${viewport.name}`, { phone: false, dark: false });
    });

    await test.step("send a test event and see the first event arrive without reloading", async () => {
      await created.getByRole("button", { name: "Send a test event" }).click();
      await expect(created.getByRole("status").filter({ hasText: "First event received." })).toBeVisible({ timeout: 15_000 });
      await expect(created.getByText("Test heartbeat accepted at")).toBeVisible();
      await shoot(`onboarding-connect-received-${viewport.name}`, { phone: false, dark: viewport.name === "desktop" });
      await created.getByRole("button", { name: "I have saved the secret" }).click();
      await expect(page.getByRole("dialog")).toBeHidden();
      // The machine reported through the real path: the fleet shows it online.
      const machine = viewport.name === "phone" ? page.getByRole("list", { name: "Machines" }).getByRole("listitem") : page.getByRole("row", { name: /Lobby 1/ });
      await expect(machine).toContainText("Online");
    });

    await test.step("the checklist stays on the overview, compact, with the first event done", async () => {
      await page.goto(`/o/${slug}`);
      const setup = page.getByRole("region", { name: "Finish setting up" });
      await expect(setup).toContainText("3 of 6 steps done");
      const items = setup.getByRole("listitem");
      await expect(items.filter({ hasText: "Receive a machine's first event" })).toContainText("Done:");
      await expect(items.filter({ hasText: "Register a machine" })).toContainText("Done:");
      await expect(items.filter({ hasText: "Fill a planogram" })).toContainText("To do:");
      await expect(items.filter({ hasText: "Fill a planogram" }).getByRole("link", { name: "Set up planogram" })).toHaveAttribute("href", `/o/${slug}/machines/${machineId}#planogram`);
      await expect(page.getByText("Revenue today").first()).toBeVisible();
      await fits("the overview with its checklist");
      await shoot(`onboarding-checklist-${viewport.name}`, { phone: false, dark: viewport.name === "desktop" });
      expect(await page.content()).not.toContain(secret);
    });

    await test.step("the machine page and the fleet offer the QR stickers", async () => {
      await page.goto(`/o/${slug}/machines/${machineId}`);
      const access = page.getByRole("region", { name: "Machine access" });
      await expect(access.getByRole("status").filter({ hasText: "First event received." })).toBeVisible();
      await expect(access.locator("pre")).toContainText("whsec_...your-machine-secret...");
      const sticker = access.getByRole("link", { name: "QR sticker (PDF)" });
      await expect(sticker).toHaveAttribute("href", `/o/${slug}/machines/${machineId}/sticker.pdf`);
      const pdf = await page.request.get(`/o/${slug}/machines/${machineId}/sticker.pdf`);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()["content-type"]).toBe("application/pdf");
      expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
      await fits("the machine page");
      await access.scrollIntoViewIfNeeded();
      await shoot(`onboarding-machine-access-${viewport.name}`, { phone: false, dark: false });
      await page.goto(`/o/${slug}/machines`);
      await expect(page.getByRole("link", { name: "QR stickers (PDF)" })).toHaveAttribute("href", `/o/${slug}/machines/stickers.pdf`);
    });
  });
}

test("sign-in says when the e-mail and password do not match", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill(`nobody-${randomBytes(4).toString("hex")}@e2e.example`);
  await page.getByLabel("Password").fill("not-the-password-at-all");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("That e-mail and password do not match an account.");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("sign-up explains a weak password and an e-mail that is taken", async ({ page, request }) => {
  const taken = newAccount("taken");
  await apiSignUp(request, taken);
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Pat Example");
  await page.getByLabel("Work e-mail").fill(newAccount().email);
  await page.getByLabel("Password").fill("password123");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("This password is too easy to guess")).toBeVisible();
  await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Work e-mail").fill(taken.email);
  await page.getByLabel("Password").fill(newAccount().password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("An account with this e-mail already exists. Sign in instead.")).toBeVisible();
  await expect(page.getByLabel("Work e-mail")).toHaveAttribute("aria-invalid", "true");
});

test("signed-out visitors sign in and come back to the page they asked for", async ({ page, request }) => {
  const account = newAccount("returning");
  await apiSignUp(request, account);
  await page.goto("/orgs/new");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Forgs%2Fnew$/);
  await page.getByLabel("E-mail").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/orgs\/new$/);
  await expect(page.getByRole("heading", { name: "Create an organization" })).toBeVisible();
});

test("sign-in never follows a callback to another site", async ({ page, request }) => {
  const account = newAccount("careful");
  await apiSignUp(request, account);
  await page.goto("/sign-in?callbackUrl=//evil.example/phish");
  await page.getByLabel("E-mail").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/orgs$/);
  await expect(page.getByText("You are not in an organization yet")).toBeVisible();
});

test("an unknown invitation link says it is not valid", async ({ page }) => {
  await page.goto(`/invite/${randomBytes(24).toString("base64url")}`);
  await expect(page.getByRole("heading", { name: "This invitation link is not valid" })).toBeVisible();
});

test("a signed-in person without an organization is led to create one", async ({ page, member }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Open dashboard" }).first().click();
  await expect(page).toHaveURL(/\/orgs$/);
  await expect(page.getByText("You are not in an organization yet")).toBeVisible();
  await page.getByRole("button", { name: `Account: ${member.name}` }).click();
  await expect(page.getByRole("menu")).toContainText(member.email);
  await page.keyboard.press("Escape");
  await page.getByRole("link", { name: "Create organization" }).click();
  await expect(page).toHaveURL(/\/orgs\/new$/);
});

test("sign out from the account menu ends the session", async ({ page, member }) => {
  await page.goto("/orgs");
  await page.getByRole("button", { name: `Account: ${member.name}` }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("link", { name: "Sign in" }).first()).toBeVisible();
  await page.goto("/orgs");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Forgs$/);
});

test("the audit log loads older entries on demand and filters by action", async ({ page, context, member }) => {
  const org = await apiCreateOrg(context, `Paging ${member.name}`);
  for (let i = 0; i < 55; i++) {
    await trpcMutation(context.request, "invitations.create", { orgId: org.id, email: `person-${i}@e2e.example`, role: "viewer" });
  }
  await page.goto(`/o/${org.slug}/audit`);
  const entries = page.getByRole("region", { name: "Audit log entries" }).getByRole("listitem");
  await expect(entries).toHaveCount(50);
  await expect(entries.first()).toContainText("invited person-54@e2e.example as viewer");
  await page.getByRole("button", { name: "Load more" }).click();
  await expect(entries).toHaveCount(56);
  await expect(entries.last()).toContainText(`created the organization ${org.name}`);
  await expect(page.getByRole("button", { name: "Load more" })).toHaveCount(0);

  await page.getByRole("button", { name: "Filter by action" }).click();
  await page.getByRole("menuitemradio", { name: "Organization created" }).click();
  await expect(entries).toHaveCount(1);
  await expect(page.getByRole("button", { name: /Action filter: Organization created/ })).toBeVisible();
});
