"use client";

import { CheckCircleFilled } from "@ant-design/icons";
import { Card, Typography } from "antd";
import type { ReactNode } from "react";
import { useI18n } from "@/i18n/client";
import { LanguageSwitch } from "./LanguageSwitch";
import { LogoMark } from "./Logo";

/** The frame of the pages used before signing in: brand panel on the left, form on the right. */
export function AuthShell({ title, subtitle, children }: { title: string; subtitle?: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="auth">
      <aside className="auth-brand">
        <div className="auth-brand-logo">
          <LogoMark size={40} inverted />
          <span>{t.common.appName}</span>
        </div>
        <div>
          <p className="auth-brand-tagline">{t.common.tagline}</p>
          <ul className="auth-brand-points">
            {Object.values(t.auth.points).map((point) => (
              <li key={point}>
                <CheckCircleFilled /> {point}
              </li>
            ))}
          </ul>
        </div>
        <p className="auth-brand-footer">{t.auth.footer}</p>
      </aside>
      <main className="auth-main" id="main">
        <div className="auth-toolbar">
          <div className="auth-mobile-logo">
            <LogoMark size={28} />
            <span>{t.common.appName}</span>
          </div>
          <LanguageSwitch />
        </div>
        <Card className="auth-card" variant="borderless">
          <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0, marginBottom: 4 }}>
            {title}
          </Typography.Title>
          {subtitle ? (
            <Typography.Paragraph type="secondary" style={{ marginBottom: 24 }}>
              {subtitle}
            </Typography.Paragraph>
          ) : null}
          {children}
        </Card>
      </main>
    </div>
  );
}
