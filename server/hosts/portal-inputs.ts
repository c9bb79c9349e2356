import "server-only";
import { z } from "zod";
import { emailSchema } from "~/server/auth/contract";
import { defineMessages } from "~/server/errors";

/** How long a host invitation link works. */
export const HOST_INVITATION_TTL_DAYS = 14;
/** A host may send this many problem reports an hour, whatever the machine. */
export const HOST_REPORTS_PER_HOUR = 5;
/** The same text about the same machine within this many minutes is the same report. */
export const HOST_REPORT_REPEAT_MINUTES = 10;
export const HOST_REPORT_MAX_LENGTH = 2000;

export const hostPortalMessages = defineMessages("hosts", {
  invite_unknown_location: "Location not found: choose locations of this organization.",
  host_invitation_accepted: "This invitation has already been used. Ask the operator for a new one if you still need access.",
  host_invitation_revoked: "This invitation was withdrawn. Ask the operator for a new one.",
  host_invitation_expired: "This invitation has expired. Ask the operator for a new one.",
  host_invitation_other_address: "This invitation was sent to {email}. Sign in with that address to accept it.",
  host_invitation_no_location: "The places of this invitation no longer exist. Ask the operator for a new one.",
  report_too_many: "You have sent {count} reports in the last hour. Try again in a while, or call the operator if it is urgent.",
});

const id = z.string().min(1).max(64);

export const inviteHostsInput = z.object({
  email: emailSchema,
  locationIds: z.array(id).min(1, "Choose at least one location.").max(50, "Choose at most 50 locations."),
});
export const locationHostsInput = z.object({ locationId: id });
export const revokeHostInvitationInput = z.object({ invitationId: id });
export const removeHostInput = z.object({ locationId: id, userId: id });
export const hostInvitationTokenInput = z.object({ token: z.string().min(10).max(100) });

export const hostLocationInput = z.object({ locationId: id });
export const hostStatementInput = z.object({ statementId: id });
export const reportProblemInput = z.object({
  machineId: id,
  text: z
    .string()
    .trim()
    .min(3, "Say in a few words what is wrong.")
    .max(HOST_REPORT_MAX_LENGTH, `Keep it under ${HOST_REPORT_MAX_LENGTH} characters.`),
});

export type HostInvitationStatus = "pending" | "accepted" | "revoked" | "expired";
