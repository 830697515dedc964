import type { ThemeConfig } from "antd";

/** Deep teal: calm, reads as "logistics" rather than "consumer app", and prints well. */
export const BRAND = {
  primary: "#0b6e79",
  siderBg: "#0c2b33",
  siderItemSelected: "#0b6e79",
  pageBg: "#f3f6f8",
} as const;

export const theme: ThemeConfig = {
  token: {
    colorPrimary: BRAND.primary,
    colorInfo: BRAND.primary,
    colorLink: BRAND.primary,
    colorSuccess: "#2e8540",
    colorWarning: "#b7791f",
    colorError: "#c0392b",
    colorBgLayout: BRAND.pageBg,
    borderRadius: 6,
    fontSize: 14,
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans SC", "WenQuanYi Micro Hei", "Helvetica Neue", Arial, sans-serif',
  },
  components: {
    Layout: {
      siderBg: BRAND.siderBg,
      triggerBg: "#0a242b",
      headerBg: "#ffffff",
      headerHeight: 56,
      headerPadding: "0 24px",
      bodyBg: BRAND.pageBg,
    },
    Menu: {
      darkItemBg: BRAND.siderBg,
      darkSubMenuItemBg: BRAND.siderBg,
      darkItemSelectedBg: BRAND.siderItemSelected,
      darkGroupTitleColor: "rgba(255,255,255,0.45)",
      itemBorderRadius: 6,
    },
    Card: { headerFontSize: 15 },
    Table: { headerBg: "#f7f9fa" },
  },
};
