"use client";

import { Alert, Card, Result, Typography } from "antd";
import { useEffect, useRef, useState } from "react";
import type { PublicDocumentFactsFragment } from "@/gql/graphql";
import { fmt } from "@/i18n";
import { DocumentFacts } from "./DocumentFacts";
import { type HashedFile, PdfDrop } from "./PdfDrop";
import { usePublicI18n } from "./PublicI18n";

/**
 * The page a document's QR code opens: the document's public facts and the SHA-256 its PDF must
 * have, and a drop zone that compares a PDF against it in the browser.
 */
export function DocumentCodeCheck({ facts }: { facts: PublicDocumentFactsFragment }) {
  const { t } = usePublicI18n();
  const c = t.documentCode;
  const [file, setFile] = useState<HashedFile | null>(null);
  const [error, setError] = useState<string | null>(null);
  const matches = file ? file.sha256 === facts.sha256.toLowerCase() : null;
  const resultRef = useRef<HTMLDivElement>(null);
  // On a phone the verdict appears below the fold: bring it into view.
  useEffect(() => {
    if (file || error) resultRef.current?.scrollIntoView({ behavior: "smooth", block: "nearest" });
  }, [file, error]);

  return (
    <div className="verify-stack-lg">
      <div>
        <Typography.Title level={1} className="verify-title">
          {fmt(c.title, { number: facts.number ?? "" })}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{c.intro}</Typography.Paragraph>
      </div>
      <div className="verify-grid">
        <Card title={t.document.issuedTitle} variant="borderless" className="verify-card">
          <DocumentFacts facts={facts} showSha256={false} />
          <div className="verify-expected">
            <Typography.Text type="secondary">{c.expectedHash}</Typography.Text>
            <Typography.Text className="verify-mono verify-break" copyable={{ text: facts.sha256 }} data-testid="expected-sha256">
              {facts.sha256}
            </Typography.Text>
          </div>
        </Card>
        <Card title={c.compareTitle} variant="borderless" className="verify-card">
          <div className="verify-stack-lg">
            <PdfDrop
              title={c.dropTitle}
              onHashed={(hashed) => {
                setError(null);
                setFile(hashed);
              }}
              onError={(message) => {
                setFile(null);
                setError(message);
              }}
            />
            <div aria-live="polite" data-testid="document-result" ref={resultRef}>
              {error ? <Alert type="warning" showIcon title={error} /> : null}
              {file ? (
                <Result
                  status={matches ? "success" : "error"}
                  className="verify-result"
                  title={matches ? c.matchTitle : c.mismatchTitle}
                  subTitle={matches ? c.matchBody : c.mismatchBody}
                  extra={
                    <div className="verify-result-extra">
                      <Typography.Text type="secondary" className="verify-break">{`${t.document.file}: ${file.name}`}</Typography.Text>
                      <Typography.Text type="secondary">{t.document.fileHash}</Typography.Text>
                      <code className="verify-mono verify-break">{file.sha256}</code>
                    </div>
                  }
                />
              ) : null}
            </div>
          </div>
        </Card>
      </div>
    </div>
  );
}
