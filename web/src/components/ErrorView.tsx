"use client";

import { Button, Result } from "antd";
import { useEffect } from "react";
import { useI18n } from "@/i18n/client";

export function ErrorView({ error, retry }: { error: unknown; retry: () => void }) {
  const { t } = useI18n();
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <Result
      status="warning"
      title={t.errors.pageTitle}
      subTitle={t.errors.pageBody}
      extra={
        <Button type="primary" onClick={() => retry()}>
          {t.common.retry}
        </Button>
      }
    />
  );
}
