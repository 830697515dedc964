"use client";

import { Button, Result } from "antd";
import { useI18n } from "@/i18n/client";

export function NotFoundView() {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title={t.errors.notFoundTitle}
      subTitle={t.errors.notFoundBody}
      extra={
        <Button type="primary" href="/">
          {t.common.backToDashboard}
        </Button>
      }
    />
  );
}
