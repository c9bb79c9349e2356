"use client";

import clsx from "clsx";
import { CopyButton } from "./copy-button";
import { Field, controlClasses } from "./field";

/** A labelled read-only value (an id, a secret, a URL) with a Copy button; selects itself on focus. */
export function CopyField({ label, value, mono = true }: { label: string; value: string; mono?: boolean }) {
  return (
    <Field label={label}>
      {(control) => (
        <div className="flex gap-2">
          <input
            {...control}
            readOnly
            value={value}
            onFocus={(e) => e.currentTarget.select()}
            className={clsx(controlClasses, mono && "font-mono text-xs")}
          />
          <CopyButton text={value} what={label.toLowerCase()} />
        </div>
      )}
    </Field>
  );
}
