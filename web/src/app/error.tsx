"use client";

import { ErrorView } from "@/components/ErrorView";

export default function RootError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <main id="main" style={{ minHeight: "100vh", display: "grid", placeItems: "center" }}>
      <ErrorView error={error} retry={retry} />
    </main>
  );
}
