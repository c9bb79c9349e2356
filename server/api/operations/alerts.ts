import "server-only";
import { z } from "zod";
import type { Alert } from "~/db/schema";
import {
  acknowledgeAlert,
  alertEventTypes,
  alertHeading,
  alertSeverities,
  alertStatuses,
  alertText,
  type AlertEventType,
  getAlert as getAlertView,
  listAlertPage,
  resolveByHand,
} from "../../alerts";
import type { ServiceCtx } from "../../context";
import { defineOperation } from "../operation";
import { idParam, instant, iso, pageOf, pageQuery } from "../schemas";

const alertSchema = z
  .object({
    id: z.string(),
    machine_id: z.string().nullable().meta({ description: "The machine it concerns; null for an org-wide alert" }),
    rule: z.string().meta({ description: "What raised it: machine_fault, machine_offline, low_stock, temperature, cash_variance, ..." }),
    code: z.string().meta({ description: "What the rule names at fault: a fault code, a slot, too_warm, ..." }),
    severity: z.enum(alertSeverities),
    status: z.enum(alertStatuses),
    title: z.string().meta({ description: "A short heading, e.g. \"Low stock A1\"" }),
    message: z.string().meta({ description: "What the alert says, in English" }),
    data: z.record(z.string(), z.unknown()).meta({ description: "What the rule saw, by rule (e.g. slot, stock and par for low_stock)" }),
    count: z.number().int().meta({ description: "Times the condition was seen while the alert stayed unresolved" }),
    first_seen_at: instant(),
    last_seen_at: instant(),
    acknowledged_at: instant().nullable(),
    resolved_at: instant().nullable(),
    resolution: z.enum(["auto", "manual"]).nullable().meta({ description: "auto when the condition cleared, manual when someone resolved it" }),
    assignee_id: z.string().nullable().meta({ description: "The member it is assigned to" }),
    created_at: instant(),
  })
  .meta({ id: "Alert" });

const alertEventSchema = z
  .object({
    type: z.enum(alertEventTypes),
    actor_type: z.string().nullable().meta({ description: "user, machine, api_key, job or system" }),
    actor_label: z.string().nullable(),
    data: z.record(z.string(), z.unknown()),
    created_at: instant(),
  })
  .meta({ id: "AlertEvent" });

const alertDetailSchema = alertSchema.extend({ timeline: z.array(alertEventSchema).meta({ description: "What happened to the alert, oldest first" }) }).meta({ id: "AlertDetail" });

/** An alert in the API's words. */
function alertBody(a: Alert): z.input<typeof alertSchema> {
  return {
    id: a.id,
    machine_id: a.machineId,
    rule: a.rule,
    code: a.code,
    severity: a.severity,
    status: a.status,
    title: alertHeading(a),
    message: alertText(a),
    data: a.data ?? {},
    count: a.count,
    first_seen_at: a.firstSeenAt.toISOString(),
    last_seen_at: a.lastSeenAt.toISOString(),
    acknowledged_at: iso(a.acknowledgedAt),
    resolved_at: iso(a.resolvedAt),
    resolution: a.resolution === "auto" || a.resolution === "manual" ? a.resolution : null,
    assignee_id: a.assigneeId,
    created_at: a.createdAt.toISOString(),
  };
}

async function readAlert(ctx: ServiceCtx, alertId: string): Promise<z.input<typeof alertDetailSchema>> {
  const view = await getAlertView(ctx, { alertId });
  return {
    ...alertBody(view.alert),
    timeline: view.timeline.map((e) => ({ type: e.type as AlertEventType, actor_type: e.actorType, actor_label: e.actorLabel, data: e.data ?? {}, created_at: e.createdAt.toISOString() })),
  };
}

const alertParams = z.object({ alert_id: idParam("The alert's id") });

const example = {
  id: "alr_5fKq2bX9",
  machine_id: "mch_8Jq2x0aB",
  rule: "low_stock",
  code: "A1",
  severity: "info",
  status: "open",
  title: "Low stock A1",
  message: "Slot A1 is low: 2 of par 8.",
  data: { slot: "A1", stock: 2, par: 8 },
  count: 1,
  first_seen_at: "2026-12-01T09:30:00.000Z",
  last_seen_at: "2026-12-01T09:30:00.000Z",
  acknowledged_at: null,
  resolved_at: null,
  resolution: null,
  assignee_id: null,
  created_at: "2026-12-01T09:30:00.000Z",
} as const;
const raisedEvent = { type: "raised", actor_type: "machine", actor_label: null, data: {}, created_at: "2026-12-01T09:30:00.000Z" } as const;
const acknowledgedExample = { ...example, status: "acknowledged", acknowledged_at: "2026-12-01T09:41:00.000Z" } as const;
const acknowledgedEvent = { type: "acknowledged", actor_type: "api_key", actor_label: "Dispatch", data: {}, created_at: "2026-12-01T09:41:00.000Z" } as const;

export const listAlerts = defineOperation({
  id: "listAlerts",
  method: "GET",
  path: "/alerts",
  scope: "alerts:read",
  tag: "Alerts",
  summary: "List alerts",
  description: "The org's alerts, newest raised first, a page at a time: every status unless `status` narrows it.",
  query: z.object({
    ...pageQuery,
    status: z.enum(alertStatuses).optional().meta({ description: "open, acknowledged or resolved" }),
    severity: z.enum(alertSeverities).optional(),
    rule: z.string().max(64).regex(/^[a-z_]+$/, "A rule is lower-case letters and _.").optional().meta({ description: "Only alerts of this rule, e.g. low_stock" }),
    machine_id: idParam("Only alerts of this machine").optional(),
  }),
  response: pageOf(alertSchema),
  examples: { response: { data: [example], next_cursor: null } },
  handle: async (ctx, { query }) => {
    const page = await listAlertPage(ctx, { ...query, machineId: query.machine_id });
    return { data: page.items.map(alertBody), next_cursor: page.nextCursor };
  },
});

export const getAlert = defineOperation({
  id: "getAlert",
  method: "GET",
  path: "/alerts/{alert_id}",
  scope: "alerts:read",
  tag: "Alerts",
  summary: "Get an alert",
  description: "One alert with its timeline: raised, repeated, acknowledged, assigned, resolved.",
  params: alertParams,
  response: alertDetailSchema,
  examples: { response: { ...example, timeline: [raisedEvent] } },
  handle: (ctx, { params }) => readAlert(ctx, params.alert_id),
});

export const acknowledgeAlertOperation = defineOperation({
  id: "acknowledgeAlert",
  method: "POST",
  path: "/alerts/{alert_id}/acknowledge",
  scope: "alerts:write",
  tag: "Alerts",
  summary: "Acknowledge an alert",
  description:
    "Marks the alert as being dealt with; it stays unresolved until its condition clears or it is resolved. Acknowledging it again changes nothing; a resolved alert answers 409. Send an `Idempotency-Key` to retry safely.",
  params: alertParams,
  response: alertDetailSchema,
  examples: { response: { ...acknowledgedExample, timeline: [raisedEvent, acknowledgedEvent] } },
  handle: async (ctx, { params }) => {
    await acknowledgeAlert(ctx, { alertId: params.alert_id });
    return readAlert(ctx, params.alert_id);
  },
});

export const resolveAlertOperation = defineOperation({
  id: "resolveAlert",
  method: "POST",
  path: "/alerts/{alert_id}/resolve",
  scope: "alerts:write",
  tag: "Alerts",
  summary: "Resolve an alert",
  description:
    "Resolves the alert by hand, with an optional note on its timeline; if the condition is still there, the next report raises a new alert. Resolving it again changes nothing. Send an `Idempotency-Key` to retry safely.",
  params: alertParams,
  body: z.object({ note: z.string().trim().max(500, "Keep the note under 500 characters").optional().meta({ description: "Why, shown on the alert's timeline" }) }).strict(),
  response: alertDetailSchema,
  examples: {
    request: { note: "Refilled A1 on the morning round." },
    response: {
      ...example,
      status: "resolved",
      resolved_at: "2026-12-01T10:02:00.000Z",
      resolution: "manual",
      timeline: [raisedEvent, { type: "resolved", actor_type: "api_key", actor_label: "Dispatch", data: { note: "Refilled A1 on the morning round." }, created_at: "2026-12-01T10:02:00.000Z" }],
    },
  },
  handle: async (ctx, { params, body }) => {
    await resolveByHand(ctx, { alertId: params.alert_id, note: body.note || undefined });
    return readAlert(ctx, params.alert_id);
  },
});
