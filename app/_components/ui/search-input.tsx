"use client";

import clsx from "clsx";
import { Search } from "lucide-react";
import { controlClasses } from "./field";

/** A search box for filtering a list; its label is for screen readers. */
export function SearchInput({
  label,
  value,
  onChange,
  placeholder,
  className,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  className?: string;
}) {
  return (
    <div className={clsx("relative", className)}>
      <Search aria-hidden className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-zinc-500" />
      <input
        type="search"
        aria-label={label}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder={placeholder}
        className={clsx(controlClasses, "h-8 pl-8 text-[13px]")}
      />
    </div>
  );
}
