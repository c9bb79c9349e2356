import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import { messagesFor } from "~/server/i18n/messages";
import { CommandPalette, SearchButton } from "~/app/_components/org/command-palette";
import { MobileNav } from "~/app/_components/org/mobile-nav";
import { NotificationBell } from "~/app/_components/org/notification-bell";
import { OrgProvider } from "~/app/_components/org/org-context";
import { OrgSidebar } from "~/app/_components/org/org-sidebar";
import { Avatar } from "~/app/_components/ui/avatar";
import { serverCaller } from "~/app/_trpc/server";
import { requireMember } from "~/server/web";

export async function generateMetadata({ params }: { params: Promise<{ org: string }> }): Promise<Metadata> {
  // Only members get here with a name; others see the 404 page's title.
  const { org } = await requireMember((await params).org);
  return { title: { default: org.name, template: `%s · ${org.name} · VendOps` } };
}

export default async function OrgLayout({ children, params }: { children: React.ReactNode; params: Promise<{ org: string }> }) {
  const { org, role, user } = await requireMember((await params).org);
  const orgs = await (await serverCaller()).org.mine();
  const t = await getTranslations("common.org.layout");
  const current = { id: org.id, name: org.name, slug: org.slug, role };
  const shell = { org: current, orgs, role, user: { name: user.name, email: user.email, locale: user.locale ?? null } };
  return (
    // Every part of the messages: the root layout gives client components only the public ones.
    <NextIntlClientProvider messages={messagesFor(await getLocale())}>
      <OrgProvider
        value={{ id: org.id, slug: org.slug, name: org.name, timeZone: org.timeZone, currency: org.currency, role, userId: user.id }}
      >
        <a
          href="#main"
          className="sr-only z-50 rounded-md bg-white px-3 py-2 text-sm font-medium shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2 dark:bg-zinc-900"
        >
          {t("skipToContent")}
        </a>
        <CommandPalette>
          <div className="min-h-dvh lg:grid lg:grid-cols-[15rem_minmax(0,1fr)] print:block">
            <aside className="sticky top-0 hidden h-dvh print:hidden border-r border-zinc-200 bg-zinc-50 lg:block dark:border-zinc-800 dark:bg-zinc-900/40">
              <OrgSidebar {...shell} />
            </aside>
            <div className="min-w-0">
              <header className="sticky top-0 z-30 flex h-12 print:hidden items-center gap-2 border-b border-zinc-200 bg-white/90 px-3 backdrop-blur lg:hidden dark:border-zinc-800 dark:bg-zinc-950/90">
                <MobileNav>
                  <OrgSidebar {...shell} />
                </MobileNav>
                <Avatar name={org.name} shape="square" className="size-6 text-[10px]" />
                <span className="truncate text-sm font-semibold">{org.name}</span>
                <SearchButton variant="icon" className="ml-auto" />
                <NotificationBell />
              </header>
              <main id="main" className="mx-auto w-full max-w-6xl px-4 py-6 sm:px-6 lg:px-10 lg:py-8 print:max-w-none print:p-0">
                {children}
              </main>
            </div>
          </div>
        </CommandPalette>
      </OrgProvider>
    </NextIntlClientProvider>
  );
}
