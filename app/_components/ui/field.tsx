"use client";

import clsx from "clsx";
import { useTranslations } from "next-intl";
import { useId } from "react";

/** The look of text inputs, selects and comboboxes, with an error state from aria-invalid. */
export const controlClasses = clsx(
  "block h-9 w-full min-w-0 rounded-md border border-zinc-300 bg-white px-3 text-sm text-zinc-900 shadow-xs",
  "placeholder:text-zinc-400 focus:border-brand-500 focus:ring-3 focus:ring-brand-500/20 focus:outline-none",
  "disabled:cursor-not-allowed disabled:bg-zinc-50 disabled:text-zinc-500 [&:is(input):read-only]:bg-zinc-50",
  "aria-invalid:border-red-500 aria-invalid:focus:ring-red-500/20",
  "dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:placeholder:text-zinc-500 dark:disabled:bg-zinc-800/60 dark:[&:is(input):read-only]:bg-zinc-800/60",
);

export interface ControlProps {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
}

export interface FieldProps {
  label: React.ReactNode;
  hint?: React.ReactNode;
  errors?: string[];
  optional?: boolean;
  className?: string;
  /** Renders the control with the ids that tie it to its label, hint and errors. */
  children: (control: ControlProps) => React.ReactNode;
}

/** A labelled form control with its hint and its errors, announced when they appear. */
export function Field({ label, hint, errors, optional, className, children }: FieldProps) {
  const t = useTranslations("common.ui");
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const invalid = Boolean(errors?.length);
  const describedBy = [hint ? hintId : null, invalid ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={clsx("space-y-1.5", className)}>
      <label htmlFor={id} className="flex items-baseline justify-between text-[13px] font-medium text-zinc-800 dark:text-zinc-200">
        <span>{label}</span>
        {optional && <span className="text-xs font-normal text-zinc-500 dark:text-zinc-400">{t("optional")}</span>}
      </label>
      {children({ id, "aria-describedby": describedBy, "aria-invalid": invalid ? true : undefined })}
      {hint && (
        <p id={hintId} className="text-xs text-zinc-500 dark:text-zinc-400">
          {hint}
        </p>
      )}
      <div id={errorId} aria-live="polite">
        {errors?.map((message) => (
          <p key={message} className="text-[13px] text-red-600 dark:text-red-400">
            {message}
          </p>
        ))}
      </div>
    </div>
  );
}

export interface TextFieldProps extends Omit<React.ComponentProps<"input">, "children"> {
  label: React.ReactNode;
  hint?: React.ReactNode;
  errors?: string[];
  optional?: boolean;
  fieldClassName?: string;
}

/** A labelled text input (text, e-mail, password...). */
export function TextField({ label, hint, errors, optional, fieldClassName, className, ...input }: TextFieldProps) {
  return (
    <Field label={label} hint={hint} errors={errors} optional={optional} className={fieldClassName}>
      {(control) => <input {...control} {...input} className={clsx(controlClasses, className)} />}
    </Field>
  );
}
