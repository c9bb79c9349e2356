import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "~/db/client";
import { newId } from "~/db/ids";
import { auditLog, memberships, organizations } from "~/db/schema";
import { actorColumns, recordAudit } from "./audit";
import type { Actor, ServiceCtx } from "../context";
import { ServiceError, notFound } from "../errors";

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return value.includes("/") || value === "UTC";
  } catch {
    return false;
  }
}

const currencies = new Set(Intl.supportedValuesOf("currency"));

export const orgNameSchema = z.string().trim().min(2, "Use at least 2 characters.").max(80, "Use at most 80 characters.");
export const orgSlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, "Use at least 3 characters.")
  .max(40, "Use at most 40 characters.")
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, "Use lowercase letters, digits and dashes, starting and ending with a letter or digit.");

export const orgSettingsInput = z.object({
  name: orgNameSchema,
  timeZone: z
    .string()
    .trim()
    .refine(isTimeZone, "Choose a time zone such as Europe/Berlin or America/New_York.")
    // Stored in its canonical spelling ("europe/berlin" becomes "Europe/Berlin").
    .transform((zone) => new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .refine((c) => currencies.has(c), "Use a three-letter ISO 4217 currency code such as USD or EUR."),
  supportEmail: z.union([z.literal(""), z.email("Enter an e-mail address like support@example.com.")]).optional(),
});

export const createOrganizationInput = orgSettingsInput.extend({ slug: orgSlugSchema });

const slugTaken = () =>
  new ServiceError("CONFLICT", "That address is already taken. Choose another.", {
    fieldErrors: { slug: ["That address is already taken. Choose another."] },
  });

/**
 * Creates an organization with its creator as owner. Runs on the owner connection: until the
 * membership exists there is no tenant to run as. The unique slug index settles races.
 */
export async function createOrganization(db: Db, actor: Actor & { type: "user" }, raw: z.input<typeof createOrganizationInput>) {
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
      })
      .onConflictDoNothing()
      .returning();
    if (!org) throw slugTaken();
    await tx.insert(memberships).values({ orgId: org.id, userId: actor.id, role: "owner" });
    await tx.insert(auditLog).values({
      id: newId("aud"),
      orgId: org.id,
      ...actorColumns(actor),
      action: "organization.created",
      targetType: "organization",
      targetId: org.id,
      data: { name: org.name, slug: org.slug },
    });
    return org;
  });
}

export async function getOrganization(ctx: ServiceCtx) {
  const [org] = await ctx.db.select().from(organizations).where(eq(organizations.id, ctx.orgId)).limit(1);
  if (!org) throw notFound("Organization");
  return org;
}

/** Renames the org or changes its zone, currency or support contact. */
export async function updateOrganization(ctx: ServiceCtx, raw: z.input<typeof orgSettingsInput>) {
  const input = orgSettingsInput.parse(raw);
  const before = await getOrganization(ctx);
  const [org] = await ctx.db
    .update(organizations)
    .set({ name: input.name, timeZone: input.timeZone, currency: input.currency, supportEmail: input.supportEmail || null })
    .where(eq(organizations.id, ctx.orgId))
    .returning();
  const changed = Object.fromEntries(
    (["name", "timeZone", "currency", "supportEmail"] as const)
      .filter((k) => before[k] !== org![k])
      .map((k) => [k, { from: before[k], to: org![k] }]),
  );
  if (Object.keys(changed).length > 0) {
    await recordAudit(ctx, { action: "organization.updated", targetType: "organization", targetId: ctx.orgId, data: changed });
  }
  return org!;
}
