"use client";

import clsx from "clsx";
import { LogOut, UserMinus } from "lucide-react";
import { useTranslations } from "next-intl";
import { Avatar } from "~/app/_components/ui/avatar";
import { Button } from "~/app/_components/ui/button";
import { ConfirmDialog } from "~/app/_components/ui/confirm-dialog";
import { NativeSelect } from "~/app/_components/ui/native-select";
import { useOrg } from "~/app/_components/org/org-context";
import { cellClasses, rowClasses } from "~/app/_components/ui/table-styles";
import { Timestamp } from "~/app/_components/ui/timestamp";
import type { RouterOutputs } from "~/app/_trpc/types";
import { hasRole, type MemberRole, roleLadder } from "~/server/tenancy/contract";

export type Member = RouterOutputs["members"]["list"][number];

/** One member: who, role (a select for those who may change it), joined, remove or leave. */
export function MemberRow({
  member,
  pendingRole,
  onChangeRole,
  onRemove,
  onLeave,
}: {
  member: Member;
  pendingRole: MemberRole | null;
  onChangeRole: (role: MemberRole) => void;
  onRemove: () => Promise<unknown>;
  onLeave: () => Promise<unknown>;
}) {
  const org = useOrg();
  const t = useTranslations("members.row");
  const roles = useTranslations("common.roles");
  const isMe = member.userId === org.userId;
  // Admins manage members; only owners make, change or remove owners.
  const mayManage = hasRole(org.role, "admin") && (member.role !== "owner" || org.role === "owner");
  const assignable = [...roleLadder].reverse().filter((r) => r !== "owner" || org.role === "owner");

  return (
    <tr className={rowClasses}>
      <td className={cellClasses}>
        <div className="flex items-center gap-2.5">
          <span className="hidden sm:flex">
            <Avatar name={member.name} />
          </span>
          <div className="max-w-32 min-w-0 sm:max-w-none">
            <p className="truncate font-medium text-zinc-900 dark:text-zinc-100">
              {member.name}
              {isMe && (
                <span className="ml-1.5 rounded bg-zinc-100 px-1.5 py-0.5 text-[11px] font-medium text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300">
                  {t("you")}
                </span>
              )}
            </p>
            <p className="truncate text-xs text-zinc-500 sm:hidden dark:text-zinc-400">{member.email}</p>
          </div>
        </div>
      </td>
      <td className={clsx(cellClasses, "hidden text-zinc-600 sm:table-cell dark:text-zinc-400")}>{member.email}</td>
      <td className={cellClasses}>
        {mayManage ? (
          <NativeSelect
            aria-label={t("roleOf", { name: member.name })}
            value={pendingRole ?? member.role}
            disabled={pendingRole !== null}
            onChange={(e) => onChangeRole(e.target.value as MemberRole)}
            size="sm"
            className="w-28 sm:w-36"
          >
            {assignable.map((r) => (
              <option key={r} value={r}>
                {roles(r)}
              </option>
            ))}
          </NativeSelect>
        ) : (
          <span className="text-zinc-700 dark:text-zinc-300">{roles(member.role)}</span>
        )}
      </td>
      <td className={clsx(cellClasses, "hidden text-zinc-600 md:table-cell dark:text-zinc-400")}>
        <Timestamp date={member.joinedAt} timeZone={org.timeZone} dateOnly />
      </td>
      <td className={clsx(cellClasses, "text-right")}>
        {isMe ? (
          <ConfirmDialog
            trigger={
              <Button variant="ghost" size="sm" aria-label={t("leaveLabel")}>
                <LogOut aria-hidden />
                <span className="hidden sm:inline">{t("leave")}</span>
              </Button>
            }
            title={t("leaveTitle", { org: org.name })}
            description={t("leaveDescription")}
            confirmLabel={t("leaveLabel")}
            onConfirm={onLeave}
          />
        ) : (
          mayManage && (
            <ConfirmDialog
              trigger={
                <Button variant="ghost" size="sm" aria-label={t("removeLabel", { name: member.name })}>
                  <UserMinus aria-hidden />
                  <span className="hidden sm:inline">{t("remove")}</span>
                </Button>
              }
              title={t("removeTitle", { name: member.name })}
              description={t("removeDescription", { name: member.name, email: member.email, org: org.name })}
              confirmLabel={t("removeConfirm")}
              onConfirm={onRemove}
            />
          )
        )}
      </td>
    </tr>
  );
}
