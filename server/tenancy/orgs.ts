import "server-only";
import { eq, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "~/db/client";
import { newId } from "~/db/ids";
import { memberships, organizations } from "~/db/schema";
import { memberContext, type Actor, type ServiceCtx } from "../context";
import { ServiceError, notFound } from "../errors";
import { recordAudit } from "./audit";
import { createOrganizationInput, orgSettingsInput, tenancyMessages } from "./contract";

/**
 * Creates an organization with its creator as owner. Runs on the owner connection: until the
 * membership exists there is no tenant to run as. The unique slug index settles races.
 */
export async function createOrganization(db: Db, { actor, org: raw }: { actor: Actor & { type: "user" }; org: z.input<typeof createOrganizationInput> }) {
  const input = createOrganizationInput.parse(raw);
  return db.transaction(async (tx) => {
    const [org] = await tx
      .insert(organizations)
      .values({
        id: newId("org"),
        name: input.name,
        slug: input.slug,
        timeZone: input.timeZone,
        currency: input.currency,
        supportEmail: input.supportEmail || null,
        eventRetentionMonths: input.eventRetentionMonths,
        legalName: input.legalName || null,
        legalAddress: input.legalAddress || null,
        vatNumber: input.vatNumber?.toUpperCase() || null,
        defaultVatRateBp: input.defaultVatRateBp,
      })
      .onConflictDoNothing()
      .returning();
    if (!org) throw new ServiceError("CONFLICT", tenancyMessages.slug_taken, {}, { field: "slug" });
    await tx.insert(memberships).values({ orgId: org.id, userId: actor.id, role: "owner" });
    const founder = memberContext(tx, { orgId: org.id, role: "owner", userId: actor.id, name: actor.label });
    await recordAudit(founder, { action: "organization.created", targetType: "organization", targetId: org.id, data: { name: org.name, slug: org.slug } });
    return org;
  });
}

export async function getOrganization(ctx: ServiceCtx) {
  const [org] = await ctx.db.select().from(organizations).where(eq(organizations.id, ctx.orgId)).limit(1);
  if (!org) throw notFound("Organization");
  return org;
}

/**
 * Renames the org or changes its zone, currency, support contact, how long raw machine events are
 * kept, or what receipts print (legal name, address, VAT number, default VAT rate).
 */
export async function updateOrganization(ctx: ServiceCtx, raw: z.input<typeof orgSettingsInput>) {
  const input = orgSettingsInput.parse(raw);
  const before = await getOrganization(ctx);
  const [org] = await ctx.db
    .update(organizations)
    .set({
      name: input.name,
      timeZone: input.timeZone,
      currency: input.currency,
      supportEmail: input.supportEmail || null,
      eventRetentionMonths: input.eventRetentionMonths ?? before.eventRetentionMonths,
      legalName: input.legalName === undefined ? before.legalName : input.legalName || null,
      legalAddress: input.legalAddress === undefined ? before.legalAddress : input.legalAddress || null,
      vatNumber: input.vatNumber === undefined ? before.vatNumber : input.vatNumber.toUpperCase() || null,
      defaultVatRateBp: input.defaultVatRateBp ?? before.defaultVatRateBp,
    })
    .where(eq(organizations.id, ctx.orgId))
    .returning();
  const changed = Object.fromEntries(
    (["name", "timeZone", "currency", "supportEmail", "eventRetentionMonths", "legalName", "legalAddress", "vatNumber", "defaultVatRateBp"] as const)
      .filter((k) => before[k] !== org![k])
      .map((k) => [k, { from: before[k], to: org![k] }]),
  );
  if (Object.keys(changed).length > 0) {
    await recordAudit(ctx, { action: "organization.updated", targetType: "organization", targetId: ctx.orgId, data: changed });
  }
  return org!;
}

/** The org's currency, as JSON: a part of the ingest read. */
export function orgCurrencyJson(ctx: Pick<ServiceCtx, "orgId">): SQL {
  return sql`(select to_json(o.currency) from organizations o where o.id = ${ctx.orgId})`;
}
