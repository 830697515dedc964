"use client";

import { CarOutlined, FileProtectOutlined } from "@ant-design/icons";
import { Card, Typography } from "antd";
import { DocumentCheck } from "./DocumentCheck";
import { usePublicI18n } from "./PublicI18n";
import { VinSearchForm } from "./VinSearchForm";

export function VerifyHome() {
  const { t } = usePublicI18n();
  return (
    <div className="verify-stack-lg">
      <div>
        <Typography.Title level={1} className="verify-title">
          {t.home.title}
        </Typography.Title>
        <Typography.Paragraph type="secondary" className="verify-lead">
          {t.home.intro}
        </Typography.Paragraph>
      </div>
      <div className="verify-grid">
        <Card
          variant="borderless"
          className="verify-card"
          title={
            <span className="verify-card-title">
              <CarOutlined /> {t.home.vehicleTitle}
            </span>
          }
        >
          <VinSearchForm />
        </Card>
        <Card
          variant="borderless"
          className="verify-card"
          title={
            <span className="verify-card-title">
              <FileProtectOutlined /> {t.home.documentTitle}
            </span>
          }
        >
          <Typography.Paragraph type="secondary">{t.home.documentHelp}</Typography.Paragraph>
          <DocumentCheck />
        </Card>
      </div>
    </div>
  );
}
