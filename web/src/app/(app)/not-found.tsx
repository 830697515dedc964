import { NotFoundView } from "@/components/NotFoundView";

export default function AppNotFound() {
  return <NotFoundView />;
}
