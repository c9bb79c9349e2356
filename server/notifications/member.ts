import "server-only";
import type { ServiceCtx } from "../context";
import { ServiceError } from "../errors";
import { notificationsMessages } from "./contract";

/** The member acting: only members have an inbox and preferences. */
export function memberId(ctx: ServiceCtx): string {
  if (ctx.actor.type !== "user") throw new ServiceError("FORBIDDEN", notificationsMessages.inbox_members_only);
  return ctx.actor.id;
}
