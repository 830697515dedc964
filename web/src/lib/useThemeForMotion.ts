"use client";

import type { ThemeConfig } from "antd";
import { useEffect, useMemo, useState } from "react";
import { theme } from "@/theme";

/**
 * The portal's theme, with antd's animations off for people whose system asks for reduced
 * motion (an accessibility setting; browser tests ask for it too, so no click lands on a dialog
 * that is still zooming in). `ready` turns true once the setting has been read in the browser:
 * until then the server's rendering (with motion) stands.
 */
export function useThemeForMotion(): { theme: ThemeConfig; ready: boolean } {
  const [reduced, setReduced] = useState<boolean | null>(null);
  useEffect(() => {
    const query = window.matchMedia("(prefers-reduced-motion: reduce)");
    setReduced(query.matches);
    const changed = (e: MediaQueryListEvent) => setReduced(e.matches);
    query.addEventListener("change", changed);
    return () => query.removeEventListener("change", changed);
  }, []);
  const themed = useMemo<ThemeConfig>(() => (reduced ? { ...theme, token: { ...theme.token, motion: false } } : theme), [reduced]);
  return { theme: themed, ready: reduced !== null };
}
