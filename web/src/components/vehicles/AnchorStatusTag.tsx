"use client";

import { CheckCircleOutlined, ClockCircleOutlined, ExclamationCircleOutlined } from "@ant-design/icons";
import { Tag, Tooltip } from "antd";
import type { ReactNode } from "react";
import type { AnchorStatus } from "@/gql/graphql";
import { useI18n } from "@/i18n/client";
import { shortHash } from "@/lib/vehicles/csv";

const COLOR: Record<AnchorStatus, string> = { PENDING: "processing", ANCHORED: "success", FAILED: "error" };
const ICON: Record<AnchorStatus, ReactNode> = { PENDING: <ClockCircleOutlined />, ANCHORED: <CheckCircleOutlined />, FAILED: <ExclamationCircleOutlined /> };

/** Ledger anchoring of a vehicle's batch or a document; the transaction and block show on hover. */
export function AnchorStatusTag({ status, txId, blockNumber }: { status: AnchorStatus | null | undefined; txId?: string | null; blockNumber?: number | null }) {
  const { t } = useI18n();
  const v = t.vehicles;
  if (!status) return <Tag>{v.notRegisteredYet}</Tag>;
  const details = [v.anchorHelp[status], txId ? `${v.txId}: ${shortHash(txId, 10)}` : null, blockNumber != null ? `${v.block}: ${blockNumber}` : null].filter(Boolean);
  return (
    <Tooltip
      title={
        <span style={{ whiteSpace: "pre-line" }} data-testid="anchor-details">
          {details.join("\n")}
        </span>
      }
    >
      <Tag color={COLOR[status]} icon={ICON[status]} data-testid="anchor-status" tabIndex={0}>
        {v.anchorStatus[status]}
      </Tag>
    </Tooltip>
  );
}
