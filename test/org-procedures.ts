import type { Db } from "~/db/client";
import type { MemberRole } from "~/db/schema";
import type { SessionUser } from "~/server/auth";
import { withTenant } from "~/db/tenant";
import { raiseAlert } from "~/server/alerts";
import { createEndpoint } from "~/server/notifications";
import { memberContext } from "~/server/context";
import { addMember, callerFor, invite } from "./factories";
import { inviteAndAccept } from "./host-portal";
import { createDeliveryRoute } from "~/server/replenishment";
import { asOwner, createMachineWithPlanogram } from "./machines";
import { createPaymentsFixture } from "./payments";
import { ingestAudit, recordVisit } from "~/server/ingest";
import { dexBytes } from "./dex";
import { createApiKey } from "~/server/tenancy";
import { saveProviderSettings } from "~/server/payments";
import { wechatPaySettings } from "./wechatpay-orgs";
import { generateStatements, listStatements, saveContract } from "~/server/hosts";

/** An org with something of every kind an org procedure can act on. */
export interface OrgFixture {
  orgId: string;
  owner: SessionUser;
  /** The member who calls (for owners: a second owner, so that leaving is allowed). */
  actor: SessionUser;
  /** A viewer that changeRole and remove act on. */
  target: SessionUser;
  invitationId: string;
  locationId: string;
  machineId: string;
  machineSerial: string;
  productId: string;
  /** A refundable card sale, a refund that gave up, and a pending refund request. */
  saleId: string;
  failedRefundId: string;
  requestId: string;
  alertId: string;
  /** An open alert for a failed cash vend, to be paid back. */
  cashAlertId: string;
  endpointId: string;
  /** A route holding the machine. */
  routeId: string;
  /** A DEX audit of the machine. */
  auditId: string;
  /** The machine's last visit, recorded by the actor (so the technician who recorded it may undo it). */
  visitId: string;
  /** An active API key of the org. */
  apiKeyId: string;
  /** The location's host contract (from January 2026) and its draft statement of the last closed month. */
  hostContractId: string;
  hostStatementId: string;
  /** The last closed month, `YYYY-MM`. */
  hostMonth: string;
  /** A pending invitation of a host to the location, and a host of it. */
  hostInvitationId: string;
  hostUserId: string;
}

export async function createOrgFixture(db: Db, role: MemberRole): Promise<OrgFixture> {
  const { org, owner, location, machine, products } = await createMachineWithPlanogram(db);
  const actor = await addMember(db, org.id, role);
  const target = await addMember(db, org.id, "viewer");
  const { invitation } = await invite(db, owner, org.id, "technician");
  const payments = await createPaymentsFixture(db, org.id, machine.id);
  const { alertId, cashAlertId, endpointId } = await withTenant(db, { orgId: org.id }, async (tx) => {
    const ctx = memberContext(tx, { orgId: org.id, role: "owner", userId: owner.id, name: owner.name });
    const change = await raiseAlert(ctx, { machineId: machine.id, rule: "machine_fault", code: "COIN_JAM", severity: "warning", at: new Date(), data: { message: "Coin jam" } });
    const owed = await raiseAlert(ctx, {
      machineId: machine.id,
      rule: "cash_refund_owed",
      code: "cash_refund_owed",
      severity: "warning",
      at: new Date(),
      data: { saleId: payments.saleId, slot: "A1", amountMinor: 250, currency: "EUR" },
    });
    const { endpoint } = await createEndpoint(ctx, { url: "http://127.0.0.1:9/hooks", description: "unreachable" });
    return { alertId: change.alert.id, cashAlertId: owed.alert.id, endpointId: endpoint.id };
  });
  const route = await asOwner(db, org.id, owner.id, (ctx) => createDeliveryRoute(ctx, { name: "North loop", machineIds: [machine.id] }));
  const audit = await asOwner(db, org.id, owner.id, (ctx) =>
    ingestAudit(ctx, { machineId: machine.id, body: dexBytes({ serial: machine.serial, selections: [{ selection: "11", price: 250, count: 3 }] }), source: "upload" }),
  );
  if (!audit.ok) throw new Error(audit.message);
  const visit = await withTenant(db, { orgId: org.id, userId: actor.id }, (tx) =>
    recordVisit(memberContext(tx, { orgId: org.id, role, userId: actor.id, name: actor.name }), {
      machineId: machine.id,
      routeId: route.id,
      visitKey: `fx-${actor.id.slice(4)}`,
      counts: [{ slot: "A1", quantity: 5 }],
    }),
  );
  const apiKey = await asOwner(db, org.id, owner.id, (ctx) => createApiKey(ctx, { name: "Fixture key", scopes: ["machines:read"] }));
  await asOwner(db, org.id, owner.id, (ctx) => saveProviderSettings(ctx, wechatPaySettings()));
  const hostInvitation = await callerFor(db, owner).hostAccess.invite({ orgId: org.id, email: `host-${actor.id.slice(4).toLowerCase()}@example.test`, locationIds: [location.id] });
  const hostUser = await inviteAndAccept(db, owner, org.id, [location.id]);
  const now = new Date();
  const hostMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
  const host = await asOwner(db, org.id, owner.id, async (ctx) => {
    const contract = await saveContract(ctx, {
      locationId: location.id,
      effectiveFrom: "2026-01",
      percentBp: 1000,
      flatRentMinor: 2000,
      contactEmails: ["host@example.test"],
    });
    await generateStatements(ctx, { month: hostMonth });
    const { statements } = await listStatements(ctx, { month: hostMonth });
    return { contractId: contract.id, statementId: statements[0]!.id };
  });
  return {
    hostContractId: host.contractId,
    hostStatementId: host.statementId,
    hostMonth,
    hostInvitationId: hostInvitation.invitation.id,
    hostUserId: hostUser.id,
    apiKeyId: apiKey.apiKey.id,
    visitId: visit.visit.id,
    auditId: audit.audit.id,
    alertId,
    cashAlertId,
    endpointId,
    orgId: org.id,
    owner,
    actor,
    target,
    invitationId: invitation.id,
    locationId: location.id,
    machineId: machine.id,
    machineSerial: machine.serial,
    productId: products.cola.id,
    saleId: payments.saleId,
    failedRefundId: payments.failedRefundId,
    requestId: payments.requestId,
    routeId: route.id,
  };
}

type Caller = ReturnType<typeof callerFor>;

export interface OrgProcedure {
  /** The least role the procedure needs. */
  least: MemberRole;
  /** A valid call against the fixture's org and things. */
  call: (c: Caller, f: OrgFixture) => Promise<unknown>;
  /** Whether the call names one of the org's things by id (so another org's id must be NOT_FOUND). */
  namesThing?: boolean;
}

/**
 * Every procedure that acts inside an organization (its input has `orgId`). The role matrix fails
 * when the router has one that is missing here, so a new procedure gets its role and cross-tenant
 * checks by being added to this table.
 */
export const orgProcedures: Record<string, OrgProcedure> = {
  "org.get": { least: "viewer", call: (c, f) => c.org.get({ orgId: f.orgId }) },
  "org.update": {
    least: "admin",
    call: (c, f) => c.org.update({ orgId: f.orgId, name: "Renamed Vending", timeZone: "America/New_York", currency: "USD", eventRetentionMonths: 6 }),
  },
  "members.list": { least: "viewer", call: (c, f) => c.members.list({ orgId: f.orgId }) },
  "members.changeRole": {
    least: "admin",
    namesThing: true,
    call: (c, f) => c.members.changeRole({ orgId: f.orgId, userId: f.target.id, role: "technician" }),
  },
  "members.remove": { least: "admin", namesThing: true, call: (c, f) => c.members.remove({ orgId: f.orgId, userId: f.target.id }) },
  "members.leave": { least: "viewer", call: (c, f) => c.members.leave({ orgId: f.orgId }) },
  "invitations.list": { least: "admin", call: (c, f) => c.invitations.list({ orgId: f.orgId }) },
  "invitations.create": {
    least: "admin",
    call: (c, f) => c.invitations.create({ orgId: f.orgId, email: `new-${f.actor.id}@example.test`, role: "viewer" }),
  },
  "invitations.revoke": {
    least: "admin",
    namesThing: true,
    call: (c, f) => c.invitations.revoke({ orgId: f.orgId, invitationId: f.invitationId }),
  },
  "audit.list": { least: "admin", call: (c, f) => c.audit.list({ orgId: f.orgId }) },
  "apiKeys.list": { least: "admin", call: (c, f) => c.apiKeys.list({ orgId: f.orgId }) },
  "apiKeys.create": { least: "admin", call: (c, f) => c.apiKeys.create({ orgId: f.orgId, name: "Accounting", scopes: ["machines:read", "sales:read"] }) },
  "apiKeys.revoke": { least: "admin", namesThing: true, call: (c, f) => c.apiKeys.revoke({ orgId: f.orgId, apiKeyId: f.apiKeyId }) },

  "locations.list": { least: "viewer", call: (c, f) => c.locations.list({ orgId: f.orgId }) },
  "locations.create": { least: "manager", call: (c, f) => c.locations.create({ orgId: f.orgId, name: "Depot" }) },
  "locations.update": {
    least: "manager",
    namesThing: true,
    call: (c, f) => c.locations.update({ orgId: f.orgId, locationId: f.locationId, name: "Renamed depot" }),
  },
  "machines.list": { least: "viewer", call: (c, f) => c.machines.list({ orgId: f.orgId }) },
  "machines.get": { least: "viewer", namesThing: true, call: (c, f) => c.machines.get({ orgId: f.orgId, machineId: f.machineId }) },
  "machines.events": { least: "viewer", namesThing: true, call: (c, f) => c.machines.events({ orgId: f.orgId, machineId: f.machineId }) },
  "machines.register": {
    least: "manager",
    call: (c, f) => c.machines.register({ orgId: f.orgId, name: "Second machine", serial: `SN-${f.actor.id}` }),
  },
  "machines.update": {
    least: "manager",
    namesThing: true,
    call: (c, f) => c.machines.update({ orgId: f.orgId, machineId: f.machineId, name: "Renamed machine", serial: f.machineSerial }),
  },
  "machines.rotateSecret": {
    least: "manager",
    namesThing: true,
    call: (c, f) => c.machines.rotateSecret({ orgId: f.orgId, machineId: f.machineId }),
  },
  "machines.setDisabled": {
    least: "manager",
    namesThing: true,
    call: (c, f) => c.machines.setDisabled({ orgId: f.orgId, machineId: f.machineId, disabled: true }),
  },
  "machines.connection": { least: "viewer", namesThing: true, call: (c, f) => c.machines.connection({ orgId: f.orgId, machineId: f.machineId }) },
  "machines.sendTestEvent": {
    least: "manager",
    namesThing: true,
    call: (c, f) => c.machines.sendTestEvent({ orgId: f.orgId, machineId: f.machineId }),
  },
  "machines.onboarding": { least: "viewer", call: (c, f) => c.machines.onboarding({ orgId: f.orgId }) },
  "planogram.get": { least: "viewer", namesThing: true, call: (c, f) => c.planogram.get({ orgId: f.orgId, machineId: f.machineId }) },
  "planogram.set": {
    least: "manager",
    namesThing: true,
    call: (c, f) =>
      c.planogram.set({ orgId: f.orgId, machineId: f.machineId, slots: [{ code: "A1", productId: f.productId, capacity: 12, parLevel: 6 }] }),
  },
  "planogram.previewImport": {
    least: "manager",
    call: (c, f) => c.planogram.previewImport({ orgId: f.orgId, mode: "merge", csv: `machine,slot,sku,capacity,par\n${f.machineSerial},A1,COLA-033,12,6` }),
  },
  "planogram.import": {
    least: "manager",
    call: (c, f) => c.planogram.import({ orgId: f.orgId, mode: "merge", csv: `machine,slot,sku,capacity,par\n${f.machineSerial},A1,COLA-033,12,6` }),
  },
  "products.previewImport": { least: "manager", call: (c, f) => c.products.previewImport({ orgId: f.orgId, csv: "sku,name,price\nNEW-ITEM,New item,1.99" }) },
  "products.import": { least: "manager", call: (c, f) => c.products.import({ orgId: f.orgId, csv: "sku,name,price\nNEW-ITEM,New item,1.99" }) },
  "products.changePrices": {
    least: "manager",
    namesThing: true,
    call: (c, f) => c.products.changePrices({ orgId: f.orgId, products: [{ productId: f.productId, priceMinor: 250 }], change: { kind: "set", priceMinor: 270 } }),
  },
  "products.list": { least: "viewer", call: (c, f) => c.products.list({ orgId: f.orgId }) },
  "products.create": { least: "manager", call: (c, f) => c.products.create({ orgId: f.orgId, sku: "NEW-ITEM", name: "New item", priceMinor: 199 }) },
  "products.update": {
    least: "manager",
    namesThing: true,
    call: (c, f) => c.products.update({ orgId: f.orgId, productId: f.productId, sku: "COLA-033", name: "Cola 0.33 l can", priceMinor: 260 }),
  },
  "sales.list": { least: "viewer", call: (c, f) => c.sales.list({ orgId: f.orgId }) },
  "sales.totals": { least: "viewer", call: (c, f) => c.sales.totals({ orgId: f.orgId }) },
  "sales.byDay": { least: "viewer", call: (c, f) => c.sales.byDay({ orgId: f.orgId, from: "2026-01-01", to: "2026-12-31" }) },
  "sales.compare": { least: "viewer", call: (c, f) => c.sales.compare({ orgId: f.orgId, from: "2026-11-01", to: "2026-11-30", compare: "year" }) },

  "cash.list": { least: "viewer", call: (c, f) => c.cash.list({ orgId: f.orgId }) },
  "cash.summaries": { least: "viewer", call: (c, f) => c.cash.summaries({ orgId: f.orgId }) },
  "cash.trend": { least: "viewer", call: (c, f) => c.cash.trend({ orgId: f.orgId }) },
  "cash.expected": { least: "viewer", call: (c, f) => c.cash.expected({ orgId: f.orgId }) },
  "cash.machineExpected": { least: "viewer", namesThing: true, call: (c, f) => c.cash.machineExpected({ orgId: f.orgId, machineId: f.machineId }) },
  "cash.recordCount": {
    least: "manager",
    namesThing: true,
    call: (c, f) => c.cash.recordCount({ orgId: f.orgId, machineId: f.machineId, countedMinor: 1250, key: `count-${f.actor.id.slice(4)}`, note: "Counted at the desk" }),
  },
  "cash.recordPayout": { least: "technician", namesThing: true, call: (c, f) => c.cash.recordPayout({ orgId: f.orgId, alertId: f.cashAlertId }) },

  "audits.list": { least: "viewer", call: (c, f) => c.audits.list({ orgId: f.orgId }) },
  "audits.get": { least: "viewer", namesThing: true, call: (c, f) => c.audits.get({ orgId: f.orgId, auditId: f.auditId }) },
  "audits.machineSummary": { least: "viewer", namesThing: true, call: (c, f) => c.audits.machineSummary({ orgId: f.orgId, machineId: f.machineId }) },
  "audits.match": { least: "technician", call: (c, f) => c.audits.match({ orgId: f.orgId, serials: [f.machineSerial, null] }) },
  "audits.upload": {
    least: "technician",
    call: (c, f) =>
      c.audits.upload({ orgId: f.orgId, files: [{ name: "visit.dex", contentBase64: dexBytes({ serial: f.machineSerial, paid: { count: 9, value: 900 } }).toString("base64"), machineId: null }] }),
  },
  "audits.selectionMap": { least: "viewer", namesThing: true, call: (c, f) => c.audits.selectionMap({ orgId: f.orgId, machineId: f.machineId }) },
  "audits.setSelectionMap": {
    least: "manager",
    namesThing: true,
    call: (c, f) => c.audits.setSelectionMap({ orgId: f.orgId, machineId: f.machineId, entries: [{ selection: "11", slotCode: "A2" }] }),
  },

  "orders.list": { least: "viewer", call: (c, f) => c.orders.list({ orgId: f.orgId }) },
  "refunds.list": { least: "viewer", call: (c, f) => c.refunds.list({ orgId: f.orgId }) },
  "refunds.retry": { least: "manager", namesThing: true, call: (c, f) => c.refunds.retry({ orgId: f.orgId, refundId: f.failedRefundId }) },
  "refunds.refundSale": {
    least: "manager",
    namesThing: true,
    call: (c, f) => c.refunds.refundSale({ orgId: f.orgId, saleId: f.saleId, reason: "Customer complaint by phone" }),
  },
  "refundRequests.list": { least: "manager", call: (c, f) => c.refundRequests.list({ orgId: f.orgId }) },
  "refundRequests.pendingCount": { least: "manager", call: (c, f) => c.refundRequests.pendingCount({ orgId: f.orgId }) },
  "refundRequests.decide": {
    least: "manager",
    namesThing: true,
    call: (c, f) => c.refundRequests.decide({ orgId: f.orgId, requestId: f.requestId, decision: "approve" }),
  },
  "refundRequests.settings": { least: "manager", call: (c, f) => c.refundRequests.settings({ orgId: f.orgId }) },
  "refundRequests.updateSettings": { least: "admin", call: (c, f) => c.refundRequests.updateSettings({ orgId: f.orgId, autoApproveFailedVends: true }) },
  "loyalty.get": { least: "viewer", call: (c, f) => c.loyalty.get({ orgId: f.orgId }) },
  "loyalty.update": {
    least: "admin",
    call: (c, f) => c.loyalty.update({ orgId: f.orgId, enabled: true, pointsPerUnit: 10, tiers: [{ name: "Gold", minPoints: 500 }] }),
  },
  "alerts.list": { least: "viewer", call: (c, f) => c.alerts.list({ orgId: f.orgId }) },
  "alerts.get": { least: "viewer", namesThing: true, call: (c, f) => c.alerts.get({ orgId: f.orgId, alertId: f.alertId }) },
  "alerts.acknowledge": { least: "technician", namesThing: true, call: (c, f) => c.alerts.acknowledge({ orgId: f.orgId, alertId: f.alertId }) },
  "alerts.assign": { least: "technician", namesThing: true, call: (c, f) => c.alerts.assign({ orgId: f.orgId, alertId: f.alertId, assigneeId: f.owner.id }) },
  "alerts.resolve": { least: "technician", namesThing: true, call: (c, f) => c.alerts.resolve({ orgId: f.orgId, alertId: f.alertId }) },
  "alerts.acknowledgeMany": { least: "technician", namesThing: true, call: (c, f) => c.alerts.acknowledgeMany({ orgId: f.orgId, alertIds: [f.alertId] }) },
  "alerts.resolveMany": { least: "technician", namesThing: true, call: (c, f) => c.alerts.resolveMany({ orgId: f.orgId, alertIds: [f.alertId] }) },
  "alerts.settings": { least: "viewer", call: (c, f) => c.alerts.settings({ orgId: f.orgId }) },
  "alerts.updateSettings": {
    least: "admin",
    call: (c, f) =>
      c.alerts.updateSettings({
        orgId: f.orgId,
        offlineMinutes: 30,
        lowStockShare: 0.25,
        noSalesSensitivity: "high",
        doorOpenMinutes: 5,
        vendFailureCount: 4,
        vendFailureWindowMinutes: 30,
        temperatureMinC: 1,
        temperatureMaxC: 9,
      }),
  },
  "alerts.machineRange": { least: "viewer", namesThing: true, call: (c, f) => c.alerts.machineRange({ orgId: f.orgId, machineId: f.machineId }) },
  "alerts.setMachineRange": {
    least: "manager",
    namesThing: true,
    call: (c, f) => c.alerts.setMachineRange({ orgId: f.orgId, machineId: f.machineId, temperatureMinC: 2, temperatureMaxC: 7 }),
  },
  "notifications.list": { least: "viewer", call: (c, f) => c.notifications.list({ orgId: f.orgId }) },
  "notifications.unreadCount": { least: "viewer", call: (c, f) => c.notifications.unreadCount({ orgId: f.orgId }) },
  "notifications.markRead": { least: "viewer", call: (c, f) => c.notifications.markRead({ orgId: f.orgId, ids: ["ntf_none"] }) },
  "notifications.markAllRead": { least: "viewer", call: (c, f) => c.notifications.markAllRead({ orgId: f.orgId }) },
  "notifications.preferences": { least: "viewer", call: (c, f) => c.notifications.preferences({ orgId: f.orgId }) },
  "notifications.updatePreferences": {
    least: "viewer",
    call: (c, f) => c.notifications.updatePreferences({ orgId: f.orgId, inAppMinSeverity: "info", emailMinSeverity: "off" }),
  },
  "webhooks.list": { least: "admin", call: (c, f) => c.webhooks.list({ orgId: f.orgId }) },
  "webhooks.create": { least: "admin", call: (c, f) => c.webhooks.create({ orgId: f.orgId, url: "https://example.com/hooks", eventTypes: ["alert.raised"] }) },
  "webhooks.update": {
    least: "admin",
    namesThing: true,
    call: (c, f) => c.webhooks.update({ orgId: f.orgId, endpointId: f.endpointId, url: "https://example.com/other", description: "renamed" }),
  },
  "webhooks.rotateSecret": { least: "admin", namesThing: true, call: (c, f) => c.webhooks.rotateSecret({ orgId: f.orgId, endpointId: f.endpointId }) },
  "webhooks.setEnabled": { least: "admin", namesThing: true, call: (c, f) => c.webhooks.setEnabled({ orgId: f.orgId, endpointId: f.endpointId, enabled: false }) },
  "webhooks.delete": { least: "admin", namesThing: true, call: (c, f) => c.webhooks.delete({ orgId: f.orgId, endpointId: f.endpointId }) },
  "webhooks.test": { least: "admin", namesThing: true, call: (c, f) => c.webhooks.test({ orgId: f.orgId, endpointId: f.endpointId }) },
  "webhooks.deliveries": { least: "admin", namesThing: true, call: (c, f) => c.webhooks.deliveries({ orgId: f.orgId, endpointId: f.endpointId }) },
  "jobs.list": { least: "admin", call: (c, f) => c.jobs.list({ orgId: f.orgId }) },
  "jobs.runNow": { least: "admin", call: (c, f) => c.jobs.runNow({ orgId: f.orgId, job: "alert-sweep" }) },
  "analytics.overview": { least: "viewer", call: (c, f) => c.analytics.overview({ orgId: f.orgId }) },
  "analytics.machinesToVisit": { least: "viewer", call: (c, f) => c.analytics.machinesToVisit({ orgId: f.orgId }) },
  "analytics.needsAttention": { least: "viewer", call: (c, f) => c.analytics.needsAttention({ orgId: f.orgId }) },
  "analytics.rankings": { least: "viewer", call: (c, f) => c.analytics.rankings({ orgId: f.orgId, from: "2026-10-01", to: "2026-10-31" }) },
  "analytics.statisticsMonths": { least: "viewer", call: (c, f) => c.analytics.statisticsMonths({ orgId: f.orgId }) },
  "analytics.statistics": { least: "viewer", call: (c, f) => c.analytics.statistics({ orgId: f.orgId, month: "2026-10" }) },
  "hosts.contracts.list": { least: "viewer", namesThing: true, call: (c, f) => c.hosts.contracts.list({ orgId: f.orgId, locationId: f.locationId }) },
  "hosts.contracts.save": {
    least: "manager",
    namesThing: true,
    call: (c, f) => c.hosts.contracts.save({ orgId: f.orgId, locationId: f.locationId, effectiveFrom: "2027-02", basis: "net", cashPercentBp: 1200, cashlessPercentBp: 800, contactEmails: [] }),
  },
  "hosts.contracts.remove": {
    least: "manager",
    namesThing: true,
    // The fixture's contract has a statement: save an unused one first, so the removal has something to remove.
    call: async (c, f) => {
      const saved = await c.hosts.contracts.save({ orgId: f.orgId, locationId: f.locationId, effectiveFrom: "2027-03", perUnitMinor: 10, contactEmails: [] });
      return c.hosts.contracts.remove({ orgId: f.orgId, contractId: saved.id });
    },
  },
  "hosts.statements.list": { least: "viewer", call: (c, f) => c.hosts.statements.list({ orgId: f.orgId, month: f.hostMonth }) },
  "hosts.statements.get": { least: "viewer", namesThing: true, call: (c, f) => c.hosts.statements.get({ orgId: f.orgId, statementId: f.hostStatementId }) },
  "hosts.statements.approve": { least: "manager", namesThing: true, call: (c, f) => c.hosts.statements.approve({ orgId: f.orgId, statementId: f.hostStatementId }) },
  "hosts.statements.send": {
    least: "manager",
    namesThing: true,
    // Only an approved statement is sent.
    call: async (c, f) => {
      await c.hosts.statements.approve({ orgId: f.orgId, statementId: f.hostStatementId });
      return c.hosts.statements.send({ orgId: f.orgId, statementId: f.hostStatementId });
    },
  },
  "hosts.statements.markPaid": {
    least: "manager",
    namesThing: true,
    call: async (c, f) => {
      await c.hosts.statements.approve({ orgId: f.orgId, statementId: f.hostStatementId });
      await c.hosts.statements.send({ orgId: f.orgId, statementId: f.hostStatementId });
      return c.hosts.statements.markPaid({ orgId: f.orgId, statementId: f.hostStatementId });
    },
  },
  "hosts.statements.addAdjustment": {
    least: "manager",
    namesThing: true,
    call: (c, f) => c.hosts.statements.addAdjustment({ orgId: f.orgId, statementId: f.hostStatementId, amountMinor: -150, reason: "Machine out of order for three days" }),
  },
  "hosts.statements.generate": { least: "manager", call: (c, f) => c.hosts.statements.generate({ orgId: f.orgId, month: f.hostMonth }) },
  "profit.places": { least: "viewer", call: (c, f) => c.profit.places({ orgId: f.orgId, from: "2026-10-01", to: "2026-10-31" }) },
  "profit.cardFees": { least: "viewer", call: (c, f) => c.profit.cardFees({ orgId: f.orgId }) },
  "profit.setCardFee": { least: "admin", call: (c, f) => c.profit.setCardFee({ orgId: f.orgId, paymentMethod: "card", percentBp: 150, fixedMinor: 10 }) },
  "profit.removeCardFee": {
    least: "admin",
    // The fixture has no fee: set one first, so the removal has something to remove.
    call: async (c, f) => {
      await c.profit.setCardFee({ orgId: f.orgId, paymentMethod: "alipay", percentBp: 60, fixedMinor: 0 });
      return c.profit.removeCardFee({ orgId: f.orgId, paymentMethod: "alipay" });
    },
  },

  "routes.list": { least: "viewer", call: (c, f) => c.routes.list({ orgId: f.orgId }) },
  "routes.get": { least: "viewer", namesThing: true, call: (c, f) => c.routes.get({ orgId: f.orgId, routeId: f.routeId }) },
  "routes.technicians": { least: "viewer", call: (c, f) => c.routes.technicians({ orgId: f.orgId }) },
  "routes.create": { least: "manager", call: (c, f) => c.routes.create({ orgId: f.orgId, name: "South loop" }) },
  "routes.update": {
    least: "manager",
    namesThing: true,
    call: (c, f) => c.routes.update({ orgId: f.orgId, routeId: f.routeId, name: "North loop (Mon)", machineIds: [f.machineId] }),
  },
  "routes.delete": { least: "manager", namesThing: true, call: (c, f) => c.routes.delete({ orgId: f.orgId, routeId: f.routeId }) },
  "routes.day": { least: "viewer", namesThing: true, call: (c, f) => c.routes.day({ orgId: f.orgId, routeId: f.routeId }) },
  "routes.mine": { least: "technician", call: (c, f) => c.routes.mine({ orgId: f.orgId }) },
  "plans.get": { least: "viewer", call: (c, f) => c.plans.get({ orgId: f.orgId }) },
  "plans.machine": { least: "viewer", namesThing: true, call: (c, f) => c.plans.machine({ orgId: f.orgId, machineId: f.machineId }) },
  "plans.refresh": { least: "manager", call: (c, f) => c.plans.refresh({ orgId: f.orgId }) },
  "plans.acceptToday": { least: "manager", call: (c, f) => c.plans.acceptToday({ orgId: f.orgId }) },
  "plans.settings": { least: "viewer", call: (c, f) => c.plans.settings({ orgId: f.orgId }) },
  "plans.updateSettings": {
    least: "manager",
    call: (c, f) => c.plans.updateSettings({ orgId: f.orgId, visitCostMinor: 1800, fillTo: "par", selloutThreshold: 0.6 }),
  },
  "visits.record": {
    least: "technician",
    namesThing: true,
    call: (c, f) => c.visits.record({ orgId: f.orgId, machineId: f.machineId, routeId: f.routeId, visitKey: `vk-${f.actor.id.slice(4)}`, counts: [{ slot: "A1", quantity: 8 }] }),
  },
  "visits.list": { least: "viewer", call: (c, f) => c.visits.list({ orgId: f.orgId }) },
  "visits.undo": { least: "technician", namesThing: true, call: (c, f) => c.visits.undo({ orgId: f.orgId, visitId: f.visitId }) },
  "visits.correct": {
    least: "technician",
    namesThing: true,
    call: (c, f) => c.visits.correct({ orgId: f.orgId, visitId: f.visitId, counts: [{ slot: "A1", quantity: 6 }] }),
  },
  "search.query": { least: "viewer", call: (c, f) => c.search.query({ orgId: f.orgId, q: f.machineSerial }) },

  "hostAccess.list": { least: "manager", namesThing: true, call: (c, f) => c.hostAccess.list({ orgId: f.orgId, locationId: f.locationId }) },
  "hostAccess.invite": {
    least: "manager",
    namesThing: true,
    call: (c, f) => c.hostAccess.invite({ orgId: f.orgId, email: `new-host-${f.actor.id.slice(4).toLowerCase()}@example.test`, locationIds: [f.locationId] }),
  },
  "hostAccess.revokeInvitation": {
    least: "manager",
    namesThing: true,
    call: (c, f) => c.hostAccess.revokeInvitation({ orgId: f.orgId, invitationId: f.hostInvitationId }),
  },
  "paymentProviders.list": { least: "admin", call: (c, f) => c.paymentProviders.list({ orgId: f.orgId }) },
  "paymentProviders.save": { least: "admin", call: (c, f) => c.paymentProviders.save({ orgId: f.orgId, ...wechatPaySettings() }) },
  "paymentProviders.setEnabled": { least: "admin", call: (c, f) => c.paymentProviders.setEnabled({ orgId: f.orgId, provider: "wechatpay", enabled: true }) },
  "hostAccess.remove": { least: "manager", namesThing: true, call: (c, f) => c.hostAccess.remove({ orgId: f.orgId, locationId: f.locationId, userId: f.hostUserId }) },
};
