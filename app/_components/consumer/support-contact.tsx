import { Mail } from "lucide-react";

/** How to reach the operator who runs the machine: their support e-mail, or a plain fallback. */
export function SupportContact({ operator, email, subject }: { operator: string; email: string | null; subject?: string }) {
  if (!email) return <p className="text-[13px] text-zinc-500 dark:text-zinc-400">Questions? Ask {operator}, who runs this machine.</p>;
  const href = `mailto:${email}${subject ? `?${new URLSearchParams({ subject }).toString().replace(/\+/g, "%20")}` : ""}`;
  return (
    <p className="text-[13px] text-zinc-500 dark:text-zinc-400">
      Questions? Contact {operator} at{" "}
      <a href={href} className="inline-flex items-center gap-1 font-medium text-brand-600 underline-offset-2 hover:underline dark:text-brand-500">
        <Mail aria-hidden className="size-3.5" />
        {email}
      </a>
    </p>
  );
}
