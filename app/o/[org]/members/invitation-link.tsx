import type { CreatedInvitationLink } from "~/app/_components/ui/invitation-link";
import type { MemberRole } from "~/server/tenancy/contract";

/** A member invitation just made: its link is shown once. */
export interface CreatedInvitation extends CreatedInvitationLink {
  role: MemberRole;
}
