import type { Metadata } from "next";
import Link from "next/link";
import { Logo } from "./_components/ui/logo";
import { NotFoundMessage } from "./_components/ui/not-found-message";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <div className="min-h-dvh bg-zinc-50 dark:bg-zinc-950">
      <header className="px-6 py-5">
        <Link href="/" aria-label="VendOps home" className="inline-flex rounded-md">
          <Logo />
        </Link>
      </header>
      <main>
        <NotFoundMessage />
      </main>
    </div>
  );
}
