"use client";

import { ErrorMessage } from "./_components/ui/error-message";

export default function RootError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorMessage error={error} retry={retry} />;
}
