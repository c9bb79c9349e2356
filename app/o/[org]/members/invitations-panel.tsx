"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Card } from "~/app/_components/ui/card";
import { InvitationLink } from "~/app/_components/ui/invitation-link";
import type { CreatedInvitation } from "./invitation-link";
import { InvitationsList } from "./invitations-list";
import { InviteForm } from "./invite-form";

/** For admins: invite someone, show the new link once, and the recent invitations. */
export function InvitationsPanel() {
  const t = useTranslations("members.invitations");
  const roles = useTranslations("common.roles");
  const [created, setCreated] = useState<CreatedInvitation | null>(null);
  return (
    <Card
      id="invitations"
      title={t("title")}
      description={t("description")}
      className="mt-8"
      bodyClassName="p-0"
    >
      <div className="border-b border-zinc-200 p-4 dark:border-zinc-800">
        <InviteForm onCreated={setCreated} />
        {created && (
          <InvitationLink invitation={created} title={t("linkTitle", { email: created.email, role: roles(created.role) })} label={t("linkLabel")} onDismiss={() => setCreated(null)} />
        )}
      </div>
      <InvitationsList />
    </Card>
  );
}
