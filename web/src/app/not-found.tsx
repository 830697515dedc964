import { NotFoundView } from "@/components/NotFoundView";

export default function RootNotFound() {
  return (
    <main id="main" style={{ minHeight: "100vh", display: "grid", placeItems: "center" }}>
      <NotFoundView />
    </main>
  );
}
