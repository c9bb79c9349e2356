import { ReceiptText } from "lucide-react";
import Link from "next/link";
import { buttonClasses } from "~/app/_components/ui/button";
import { EmptyState } from "~/app/_components/ui/empty-state";

export default function ReceiptNotFound() {
  return (
    <EmptyState
      icon={<ReceiptText />}
      title="This purchase is not in your account"
      action={
        <Link href="/me" className={buttonClasses("secondary")}>
          My purchases
        </Link>
      }
    >
      It may belong to another account, or the link is incomplete. A purchase made without signing in can be saved from its order page.
    </EmptyState>
  );
}
