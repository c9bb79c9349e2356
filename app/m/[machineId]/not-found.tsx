import { QrCode } from "lucide-react";
import type { Metadata } from "next";
import { ConsumerNotFound } from "~/app/_components/consumer/consumer-not-found";

export const metadata: Metadata = { title: "Machine not found" };

export default function MachineNotFound() {
  return (
    <ConsumerNotFound icon={<QrCode aria-hidden />} title="We could not find this machine" action={{ href: "/", label: "Home" }}>
      The link may be mistyped, or the machine is no longer in service. Scan the code on the machine again; if it still
      does not open, you can pay at the machine.
    </ConsumerNotFound>
  );
}
