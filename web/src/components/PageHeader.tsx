"use client";

import { Typography } from "antd";
import type { ReactNode } from "react";

/** The title block of every page in the app: one h1, a sentence, and the page's main actions. */
export function PageHeader({ title, description, extra }: { title: string; description?: ReactNode; extra?: ReactNode }) {
  return (
    <div className="page-header">
      <div>
        <Typography.Title level={1} style={{ fontSize: 24, lineHeight: 1.3, margin: "0 0 4px" }}>
          {title}
        </Typography.Title>
        {description ? (
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {description}
          </Typography.Paragraph>
        ) : null}
      </div>
      {extra ? <div className="page-header-extra">{extra}</div> : null}
    </div>
  );
}
