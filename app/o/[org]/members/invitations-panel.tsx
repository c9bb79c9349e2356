"use client";

import { useState } from "react";
import { Card } from "~/app/_components/ui/card";
import { InvitationLink } from "~/app/_components/ui/invitation-link";
import { roleLabels } from "~/server/tenancy/contract";
import type { CreatedInvitation } from "./invitation-link";
import { InvitationsList } from "./invitations-list";
import { InviteForm } from "./invite-form";

/** For admins: invite someone, show the new link once, and the recent invitations. */
export function InvitationsPanel() {
  const [created, setCreated] = useState<CreatedInvitation | null>(null);
  return (
    <Card
      id="invitations"
      title="Invitations"
      description="Invite people by e-mail. Each link works once and expires after 7 days."
      className="mt-8"
      bodyClassName="p-0"
    >
      <div className="border-b border-zinc-200 p-4 dark:border-zinc-800">
        <InviteForm onCreated={setCreated} />
        {created && (
          <InvitationLink invitation={created} title={`Invitation for ${created.email} as ${roleLabels[created.role]}`} label="Invitation link" onDismiss={() => setCreated(null)} />
        )}
      </div>
      <InvitationsList />
    </Card>
  );
}
