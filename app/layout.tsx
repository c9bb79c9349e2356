import type { Metadata, Viewport } from "next";
import { TRPCReactProvider } from "./_trpc/client";
import { inter } from "./fonts";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "VendOps", template: "%s · VendOps" },
  description: "The back office for vending machine operators: fleet, refunds, alerts, analytics and restock plans.",
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#09090b" },
  ],
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" className={inter.variable}>
      <body className="min-h-dvh font-sans">
        <TRPCReactProvider>{children}</TRPCReactProvider>
      </body>
    </html>
  );
}
