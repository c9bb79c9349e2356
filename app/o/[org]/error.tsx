"use client";

import { ErrorMessage } from "~/app/_components/ui/error-message";

export default function OrgError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorMessage error={error} retry={retry} />;
}
