"use client";

import { useMutation } from "@tanstack/react-query";
import { LoaderCircle } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Button } from "~/app/_components/ui/button";
import { TextField } from "~/app/_components/ui/field";
import { FormAlert } from "~/app/_components/ui/form-alert";
import { formErrors } from "~/app/_components/forms/form-check";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessageOf, fieldErrorsOf } from "~/app/_trpc/errors";
import { PASSWORD_MIN_LENGTH, signUpInput } from "~/server/auth/contract";
import type { FieldErrors } from "~/server/errors";
import { signInWithPassword } from "../actions";
import { isConsumerPath } from "../consumer-path";

export function SignUpForm({ defaultEmail, invited, next }: { defaultEmail: string; invited: boolean; next: string }) {
  const t = useTranslations("auth.signUp");
  const trpc = useTRPC();
  const signUp = useMutation(trpc.auth.signUp.mutationOptions());
  const [signingIn, startSignIn] = useTransition();
  const [signInError, setSignInError] = useState<string | null>(null);
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const fieldErrors = { ...fieldErrorsOf(signUp.error), ...localErrors };
  const hasFieldErrors = Object.keys(fieldErrors).length > 0;
  const pending = signUp.isPending || signingIn;

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = {
      name: String(form.get("name") ?? ""),
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
    };
    setSignInError(null);
    const found = formErrors(signUpInput, input);
    setLocalErrors(found);
    if (Object.keys(found).length > 0) {
      signUp.reset();
      return;
    }
    signUp.mutate(input, {
      onSuccess: () =>
        startSignIn(async () => {
          const result = await signInWithPassword({ email: input.email, password: input.password, callbackUrl: next });
          if (result.error) setSignInError(t("signInFailed", { error: result.error }));
        }),
    });
  }

  const formError = signInError ?? (signUp.error && !hasFieldErrors ? errorMessageOf(signUp.error) : null);
  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <FormAlert message={formError ?? (hasFieldErrors ? t("checkFields") : null)} />
      <TextField label={t("name")} name="name" autoComplete="name" required autoFocus errors={fieldErrors.name} />
      <TextField
        label={isConsumerPath(next) ? t("email") : t("workEmail")}
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={defaultEmail}
        errors={fieldErrors.email}
        hint={invited ? t("invitedHint") : undefined}
      />
      <TextField
        label={t("password")}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN_LENGTH}
        errors={fieldErrors.password}
        hint={t("passwordHint", { min: PASSWORD_MIN_LENGTH })}
      />
      <Button type="submit" variant="primary" className="w-full" disabled={pending}>
        {pending && <LoaderCircle aria-hidden className="animate-spin" />}
        {signingIn ? t("signingIn") : signUp.isPending ? t("creating") : t("submit")}
      </Button>
    </form>
  );
}
