import { TopBar } from "~/app/_components/org/top-bar";
import { requireUser } from "~/server/web";

/** The host portal: the places a host's machines stand in, on a phone as well as a desk. */
export default async function HostLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser("/h");
  return (
    <div className="min-h-dvh bg-zinc-50 dark:bg-zinc-950">
      <TopBar user={{ name: user.name, email: user.email, locale: user.locale ?? null }} />
      <main className="mx-auto max-w-3xl px-4 py-6 sm:px-6 sm:py-8">{children}</main>
    </div>
  );
}
