"use client";

import { useMutation } from "@tanstack/react-query";
import clsx from "clsx";
import { LoaderCircle } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useSyncExternalStore } from "react";
import { Button, buttonClasses } from "~/app/_components/ui/button";
import { Field, controlClasses } from "~/app/_components/ui/field";
import { FormAlert } from "~/app/_components/ui/form-alert";
import { formErrors } from "~/app/_components/forms/form-check";
import { browserCurrency, browserTimeZone } from "~/app/_components/org/org-choices";
import { OrgSettingsFields, type OrgSettingsValues } from "~/app/_components/org/org-settings-fields";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessageOf, fieldErrorsOf } from "~/app/_trpc/errors";
import type { FieldErrors } from "~/server/errors";
import { createOrganizationInput } from "~/server/tenancy/contract";

/** A suggested address from a name: "Café Müller & Söhne" -> "cafe-muller-sohne". */
function suggestSlug(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
}

const never = () => () => {};

export function CreateOrgForm() {
  const t = useTranslations("orgs.new");
  const trpc = useTRPC();
  const router = useRouter();
  // The browser's zone and currency are the defaults; the server renders before it knows them.
  const zone = useSyncExternalStore(never, browserTimeZone, () => "UTC");
  const money = useSyncExternalStore(never, browserCurrency, () => "EUR");
  const [edits, setEdits] = useState<Partial<OrgSettingsValues>>({});
  const [slugEdit, setSlugEdit] = useState<string | null>(null);
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const values: OrgSettingsValues = { name: "", supportEmail: "", timeZone: zone, currency: money, ...edits };
  const slug = slugEdit ?? suggestSlug(values.name);

  const create = useMutation(
    trpc.org.create.mutationOptions({
      onSuccess: (org) => {
        router.push(`/o/${org.slug}`);
        router.refresh();
      },
    }),
  );
  const errors = { ...fieldErrorsOf(create.error), ...localErrors };
  const hasFieldErrors = Object.keys(errors).length > 0;
  const pending = create.isPending || create.isSuccess;

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const found = formErrors(createOrganizationInput, { ...values, slug });
    setLocalErrors(found);
    if (Object.keys(found).length > 0) {
      create.reset();
      return;
    }
    create.mutate({ ...values, slug });
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-5">
      <FormAlert message={hasFieldErrors ? t("checkFields") : errorMessageOf(create.error)} />
      <OrgSettingsFields
        values={values}
        onChange={(change) => {
          setLocalErrors({});
          setEdits((e) => ({ ...e, ...change }));
        }}
        errors={errors}
        afterName={
          <Field
            label={t("address")}
            errors={errors.slug}
            hint={t("addressHint")}
          >
            {(control) => (
              <div className="flex">
                <span className="inline-flex items-center rounded-l-md border border-r-0 border-zinc-300 bg-zinc-50 px-3 font-mono text-[13px] text-zinc-500 dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-400">
                  {"/o/"}
                </span>
                <input
                  {...control}
                  name="slug"
                  required
                  autoComplete="off"
                  spellCheck={false}
                  value={slug}
                  onChange={(e) => {
                    setLocalErrors({});
                    setSlugEdit(e.target.value.toLowerCase());
                  }}
                  placeholder={t("slugPlaceholder")}
                  className={clsx(controlClasses, "rounded-l-none font-mono text-[13px]")}
                />
              </div>
            )}
          </Field>
        }
      />
      <div className="flex items-center justify-end gap-2 border-t border-zinc-200 pt-5 dark:border-zinc-800">
        <Link href="/orgs" className={buttonClasses("ghost")}>
          {t("cancel")}
        </Link>
        <Button type="submit" variant="primary" disabled={pending}>
          {pending && <LoaderCircle aria-hidden className="animate-spin" />}
          {t("submit")}
        </Button>
      </div>
    </form>
  );
}
