import type { ReactNode } from "react";
import "./verify.css";

/** Public pages: no login and no portal shell; each page frames itself in <PublicShell>. */
export default function VerifyLayout({ children }: { children: ReactNode }) {
  return children;
}
