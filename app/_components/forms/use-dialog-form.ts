"use client";

import { useState } from "react";
import type { FieldErrors } from "~/server/errors";

interface Resettable {
  error: unknown;
  reset: () => void;
}

/**
 * The state of a form in a dialog: open or not, its values, and the errors found before asking
 * the server. `controls(mutations)` gives the handlers: opening starts again from `initial`;
 * editing a field clears the errors it may have fixed, the server's included.
 */
export function useDialogForm<V>(initial: V) {
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState<V>(initial);
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});

  /** Handlers for a form submitted with `mutations` (called after they are declared). */
  function controls(mutations: Resettable[]) {
    return {
      openChange(next: boolean) {
        setOpen(next);
        for (const m of mutations) m.reset();
        setLocalErrors({});
        if (next) setValues(initial);
      },
      set(change: Partial<V>) {
        setValues((v) => ({ ...v, ...change }));
        setLocalErrors({});
        for (const m of mutations) if (m.error) m.reset();
      },
    };
  }

  return { open, setOpen, values, localErrors, setLocalErrors, controls };
}
