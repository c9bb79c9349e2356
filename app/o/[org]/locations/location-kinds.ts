import { useTranslations } from "next-intl";
import type { LocationKind } from "~/server/fleet/contract";

/** The kinds of place a machine stands in, in the reader's words (`locations.kinds.*`). */
export function useLocationKindLabel(): (kind: LocationKind) => string {
  const t = useTranslations("locations.kinds");
  return (kind) => t(kind);
}
