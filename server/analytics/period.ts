import { sql } from "drizzle-orm";
import { z } from "zod";
import { queryRows } from "~/db/client";
import type { ServiceCtx } from "../context";
import { fieldError } from "../errors";
import { dayRange } from "../input/calendar";

/** A period of org days, inclusive; by default the 30 days up to today in the org's zone. */
export const periodInput = dayRange({ locationId: z.string().max(64).optional() });

export interface Period {
  from: string;
  to: string;
  days: number;
  /** The period of the same length just before. */
  previousFrom: string;
  previousTo: string;
  currency: string;
  timeZone: string;
  /** Today in the org's zone. */
  today: string;
}

const MAX_DAYS = 3 * 366;

/** Resolves a period input against the org's zone: defaults, and the period before it. */
export async function resolvePeriod(ctx: ServiceCtx, input: z.infer<typeof periodInput>, defaultDays = 30): Promise<Period> {
  const [row] = await queryRows<Period>(
    ctx.db,
    sql`with o as (select time_zone, currency, (now() at time zone time_zone)::date as today from organizations where id = ${ctx.orgId}),
      p as (select o.*, coalesce(${input.to ?? null}::date, o.today) as t,
        coalesce(${input.from ?? null}::date, coalesce(${input.to ?? null}::date, o.today) - ${defaultDays - 1}::int) as f from o)
      select f::text as "from", t::text as "to", (t - f + 1) as days, (f - (t - f + 1))::text as "previousFrom", (f - 1)::text as "previousTo",
        currency, time_zone as "timeZone", today::text as today from p`,
  );
  if (!row) throw new Error("organization not found");
  const days = Number(row.days);
  if (days > MAX_DAYS) throw fieldError("from", "Choose a period of at most three years.");
  return { ...row, days };
}
