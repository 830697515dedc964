"use client";

import { LeftOutlined, RightOutlined } from "@ant-design/icons";
import { Button, Typography } from "antd";
import { useI18n } from "@/i18n/client";

export function CursorPager({
  pageIndex,
  pageCount,
  totalCount,
  hasNextPage,
  loading,
  onPrevious,
  onNext,
}: {
  pageIndex: number;
  pageCount: number;
  totalCount: number;
  hasNextPage: boolean;
  loading: boolean;
  onPrevious: () => void;
  onNext: () => void;
}) {
  const { t, fmt } = useI18n();
  return (
    <nav className="cursor-pager" aria-label={fmt(t.common.pageOf, { page: pageIndex + 1, pages: pageCount })}>
      <Typography.Text type="secondary">{fmt(t.common.totalItems, { count: totalCount })}</Typography.Text>
      <div className="cursor-pager-buttons">
        <Button icon={<LeftOutlined />} onClick={onPrevious} disabled={pageIndex === 0 || loading}>
          {t.common.previous}
        </Button>
        <Typography.Text aria-live="polite">{fmt(t.common.pageOf, { page: pageIndex + 1, pages: pageCount })}</Typography.Text>
        <Button onClick={onNext} disabled={!hasNextPage || loading}>
          {t.common.next} <RightOutlined />
        </Button>
      </div>
    </nav>
  );
}
