import { TopBar } from "~/app/_components/org/top-bar";
import { requireUser } from "~/server/web";

export default async function OrgsLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser("/orgs");
  return (
    <div className="min-h-dvh bg-zinc-50 dark:bg-zinc-950">
      <TopBar user={{ name: user.name, email: user.email, locale: user.locale ?? null }} />
      <main className="mx-auto max-w-5xl px-4 py-8 sm:px-6">{children}</main>
    </div>
  );
}
