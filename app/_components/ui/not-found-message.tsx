import { FileQuestion } from "lucide-react";
import Link from "next/link";
import { buttonClasses } from "./button";

/**
 * The one answer for a page that does not exist or that this person may not see: the same
 * words either way, so the answer reveals nothing.
 */
export function NotFoundMessage() {
  return (
    <div className="flex flex-col items-center px-6 py-20 text-center">
      <div className="mb-4 flex size-12 items-center justify-center rounded-full bg-zinc-100 text-zinc-500 dark:bg-zinc-800 dark:text-zinc-400">
        <FileQuestion aria-hidden className="size-6" />
      </div>
      <p className="text-sm font-medium text-zinc-500 dark:text-zinc-400">404</p>
      <h1 className="mt-1 text-xl font-semibold tracking-tight">Page not found</h1>
      <p className="mt-2 max-w-sm text-sm text-zinc-500 dark:text-zinc-400">
        This address does not exist, or it belongs to an organization you are not a member of. If someone sent you
        this link, ask them to invite you.
      </p>
      <div className="mt-6 flex gap-2">
        <Link href="/orgs" className={buttonClasses("primary")}>
          Your organizations
        </Link>
        <Link href="/" className={buttonClasses("secondary")}>
          Home
        </Link>
      </div>
    </div>
  );
}
