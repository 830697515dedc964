"use client";

import { CheckCircleFilled, CloseCircleFilled } from "@ant-design/icons";
import { Descriptions, Tag, Typography } from "antd";
import type { PublicDocumentFactsFragment } from "@/gql/graphql";
import { LocalTime } from "./LocalTime";
import { usePublicI18n } from "./PublicI18n";

/** What the API discloses about an issued document: kind, number, issuer, date and anchoring. */
export function DocumentFacts({ facts, showSha256 = true }: { facts: PublicDocumentFactsFragment; showSha256?: boolean }) {
  const { t } = usePublicI18n();
  const d = t.document;
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      className="verify-facts"
      items={[
        { key: "kind", label: d.kind, children: facts.kind ? d.kinds[facts.kind] : "—" },
        { key: "number", label: d.number, children: <Typography.Text strong>{facts.number ?? "—"}</Typography.Text> },
        { key: "issuer", label: d.issuer, children: facts.issuerName ?? "—" },
        { key: "issuedAt", label: d.issuedAt, children: facts.issuedAt ? <LocalTime value={facts.issuedAt} /> : "—" },
        {
          key: "ledger",
          label: d.ledger,
          children: facts.anchored ? (
            <div className="verify-stack">
              <Tag icon={<CheckCircleFilled />} color="success" className="verify-tag">
                {d.anchored}
              </Tag>
              {facts.txId ? (
                <Typography.Text className="verify-mono" copyable={{ text: facts.txId }}>
                  {`${d.txId} ${facts.txId}`}
                </Typography.Text>
              ) : null}
              {facts.blockNumber != null ? <Typography.Text type="secondary">{`${d.blockNumber} #${facts.blockNumber}`}</Typography.Text> : null}
            </div>
          ) : (
            <Typography.Text type="secondary">
              <CloseCircleFilled style={{ marginRight: 6 }} />
              {d.notAnchored}
            </Typography.Text>
          ),
        },
        ...(showSha256 ? [{ key: "sha256", label: d.sha256, children: <code className="verify-mono verify-break">{facts.sha256}</code> }] : []),
      ]}
    />
  );
}
