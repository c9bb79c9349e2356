import clsx from "clsx";
import { ChevronDown } from "lucide-react";
import { controlClasses } from "./field";

/** The browser's own select (best on phones and for short lists), in the product's look. */
export function NativeSelect({ className, size = "md", ...props }: Omit<React.ComponentProps<"select">, "size"> & { size?: "sm" | "md" }) {
  return (
    <span className={clsx("relative inline-block", className)}>
      <select
        {...props}
        className={clsx(controlClasses, "cursor-pointer appearance-none pr-8", size === "sm" && "h-8 pl-2.5 text-[13px]")}
      />
      <ChevronDown aria-hidden className="pointer-events-none absolute top-1/2 right-2.5 size-4 -translate-y-1/2 text-zinc-500" />
    </span>
  );
}
