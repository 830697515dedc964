"use client";

import { Card, Empty, Tag } from "antd";
import { useI18n } from "@/i18n/client";
import type { FeatureKey, NavLabel } from "@/lib/navigation";
import { PageHeader } from "./PageHeader";

/** A page whose feature is not built yet: says plainly what will appear here. */
export function FeaturePlaceholder({ label, feature }: { label: NavLabel; feature: FeatureKey }) {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t.nav[label]} extra={<Tag>{t.common.comingSoon}</Tag>} />
      <Card>
        <Empty description={t.features[feature]} style={{ padding: "48px 0", maxWidth: 560, margin: "0 auto" }} />
      </Card>
    </>
  );
}
