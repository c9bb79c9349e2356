"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { Users } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { EmptyState } from "~/app/_components/ui/empty-state";
import { FilterChip } from "~/app/_components/ui/filter-chip";
import { FormAlert } from "~/app/_components/ui/form-alert";
import { useOrg } from "~/app/_components/org/org-context";
import { SearchInput } from "~/app/_components/ui/search-input";
import { SortHeader, useTableSort } from "~/app/_components/ui/sort-header";
import { tableClasses, theadClasses } from "~/app/_components/ui/table-styles";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessageOf } from "~/app/_trpc/errors";
import { type MemberRole, roleLadder, roleRank } from "~/server/tenancy/contract";
import { MemberRow, type Member } from "./member-row";

type SortKey = "name" | "email" | "role" | "joined";

const compare: Record<SortKey, (a: Member, b: Member) => number> = {
  name: (a, b) => a.name.localeCompare(b.name, "en", { sensitivity: "base" }),
  email: (a, b) => a.email.localeCompare(b.email),
  // "Ascending" by role lists the most powerful first, as people read a team.
  role: (a, b) => roleRank(b.role) - roleRank(a.role),
  joined: (a, b) => a.joinedAt.getTime() - b.joinedAt.getTime(),
};

/** The organization's members: search, filter by role, sort, and (for admins) manage them. */
export function MembersTable() {
  const org = useOrg();
  const t = useTranslations("members.table");
  const roles = useTranslations("common.roles");
  const roleOptions = [...roleLadder].reverse().map((r) => ({ value: r, label: roles(r) }));
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const listKey = trpc.members.list.queryKey({ orgId: org.id });
  const { data: members } = useSuspenseQuery(trpc.members.list.queryOptions({ orgId: org.id }));
  const [search, setSearch] = useState("");
  const [roleFilter, setRoleFilter] = useState<MemberRole | null>(null);
  const { sort, sortBy } = useTableSort<SortKey>("name");
  const [error, setError] = useState<string | null>(null);

  const refresh = async (affectsMe: boolean) => {
    await queryClient.invalidateQueries({ queryKey: listKey });
    // My own role decides what the whole shell shows.
    if (affectsMe) router.refresh();
  };
  const changeRole = useMutation(
    trpc.members.changeRole.mutationOptions({
      onMutate: () => setError(null),
      onSuccess: (_, input) => refresh(input.userId === org.userId),
      onError: (e) => setError(errorMessageOf(e)),
    }),
  );
  const remove = useMutation(trpc.members.remove.mutationOptions({ onSuccess: () => refresh(false) }));
  const leave = useMutation(trpc.members.leave.mutationOptions());

  const rows = useMemo(() => {
    const needle = search.trim().toLowerCase();
    const filtered = members.filter(
      (m) =>
        (!roleFilter || m.role === roleFilter) &&
        (!needle || m.name.toLowerCase().includes(needle) || m.email.toLowerCase().includes(needle)),
    );
    const sign = sort.direction === "asc" ? 1 : -1;
    return filtered.sort((a, b) => sign * compare[sort.key](a, b) || compare.name(a, b));
  }, [members, search, roleFilter, sort]);

  const header = (key: SortKey, label: string, className?: string) => (
    <SortHeader
      label={label}
      active={sort.key === key}
      direction={sort.direction}
      onSort={() => sortBy(key)}
      className={className}
    />
  );
  const filtered = rows.length !== members.length;

  return (
    <section aria-labelledby="members-heading">
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <h2 id="members-heading" className="mr-auto text-sm font-semibold">
          {t.rich("count", { count: members.length, n: (chunks) => <span className="tabular">{chunks}</span> })}
          {filtered && (
            <span className="ml-1.5 font-normal text-zinc-500 dark:text-zinc-400">
              {t.rich("showing", { count: rows.length, n: (chunks) => <span className="tabular">{chunks}</span> })}
            </span>
          )}
        </h2>
        <FilterChip label={t("roleFilter")} value={roleFilter} options={roleOptions} onChange={setRoleFilter} />
        <SearchInput label={t("searchLabel")} value={search} onChange={setSearch} placeholder={t("searchPlaceholder")} className="w-full sm:w-64" />
      </div>
      <FormAlert message={error} className="[&:not(:empty)]:mb-3" />
      <div className="relative overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
        <table className={tableClasses}>
          <thead className={theadClasses}>
            <tr>
              {header("name", t("name"))}
              {header("email", t("email"), "hidden sm:table-cell")}
              {header("role", t("role"))}
              {header("joined", t("joined"), "hidden md:table-cell")}
              <th scope="col" className="px-3 py-2 text-right font-medium">
                <span className="sr-only">{t("actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((member) => (
              <MemberRow
                key={member.userId}
                member={member}
                pendingRole={changeRole.isPending && changeRole.variables.userId === member.userId ? changeRole.variables.role : null}
                onChangeRole={(role) => changeRole.mutate({ orgId: org.id, userId: member.userId, role })}
                onRemove={() => remove.mutateAsync({ orgId: org.id, userId: member.userId })}
                onLeave={async () => {
                  await leave.mutateAsync({ orgId: org.id });
                  router.push("/orgs");
                  router.refresh();
                }}
              />
            ))}
          </tbody>
        </table>
        {rows.length === 0 && (
          <EmptyState icon={<Users />} title={t("noMatchTitle")} className="m-4 border-0">
            {t("noMatchBody")}
          </EmptyState>
        )}
      </div>
    </section>
  );
}
