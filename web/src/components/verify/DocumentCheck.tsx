"use client";

import { Alert, Button, Divider, Form, Input, Result, Spin, Typography } from "antd";
import { useEffect, useRef, useState } from "react";
import type { PublicDocumentFactsFragment } from "@/gql/graphql";
import { gqlFetch } from "@/lib/graphql/client";
import { parseSha256 } from "@/lib/verify/format";
import { VerifyDocumentDocument } from "@/lib/verify/operations";
import { DocumentFacts } from "./DocumentFacts";
import { type HashedFile, PdfDrop } from "./PdfDrop";
import { usePublicI18n } from "./PublicI18n";

type State =
  | { step: "idle" }
  | { step: "checking"; file?: HashedFile }
  | { step: "done"; file?: HashedFile; facts: PublicDocumentFactsFragment }
  | { step: "error"; message: string };

/** Was this PDF (or this SHA-256) issued by Corridor? Asks the public verifyDocument query. */
export function DocumentCheck() {
  const { t } = usePublicI18n();
  const d = t.document;
  const [state, setState] = useState<State>({ step: "idle" });
  const [form] = Form.useForm<{ sha256: string }>();
  // Only the latest check may show its answer (a slow first answer must not replace a second).
  const latest = useRef(0);
  const resultRef = useRef<HTMLDivElement>(null);
  // On a phone the answer appears below the fold: bring it into view.
  useEffect(() => {
    if (state.step === "done" || state.step === "error") resultRef.current?.scrollIntoView({ behavior: "smooth", block: "nearest" });
  }, [state]);

  const check = async (sha256: string, file?: HashedFile) => {
    const ticket = ++latest.current;
    setState({ step: "checking", file });
    try {
      const data = await gqlFetch(VerifyDocumentDocument, { sha256 });
      if (ticket === latest.current) setState({ step: "done", file, facts: data.verifyDocument });
    } catch {
      if (ticket === latest.current) setState({ step: "error", message: d.checkFailed });
    }
  };

  return (
    <div className="verify-stack-lg">
      <PdfDrop
        title={d.dropTitle}
        disabled={state.step === "checking"}
        onHashed={(file) => {
          form.setFieldsValue({ sha256: "" });
          void check(file.sha256, file);
        }}
        onError={(message) => setState({ step: "error", message })}
      />
      <Divider plain className="verify-divider">
        {d.orPaste}
      </Divider>
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={({ sha256 }) => {
          const hash = parseSha256(sha256);
          if (hash) void check(hash);
        }}
      >
        <div className="verify-inline-form">
          <Form.Item
            name="sha256"
            label={d.hashLabel}
            className="verify-grow"
            rules={[{ validator: async (_rule, value: string | undefined) => (parseSha256(value ?? "") ? undefined : Promise.reject(new Error(d.hashInvalid))) }]}
            validateTrigger="onSubmit"
          >
            <Input placeholder={d.hashPlaceholder} className="verify-mono" autoComplete="off" spellCheck={false} allowClear />
          </Form.Item>
          <Form.Item label=" " colon={false}>
            <Button htmlType="submit" loading={state.step === "checking" && !state.file}>
              {d.checkHash}
            </Button>
          </Form.Item>
        </div>
      </Form>
      <div aria-live="polite" data-testid="document-result" ref={resultRef}>
        {state.step === "checking" ? (
          <div className="verify-center">
            <Spin /> <Typography.Text type="secondary">{d.checking}</Typography.Text>
          </div>
        ) : null}
        {state.step === "error" ? <Alert type="warning" showIcon title={state.message} /> : null}
        {state.step === "done" ? <DocumentVerdict facts={state.facts} file={state.file} /> : null}
      </div>
    </div>
  );
}

function DocumentVerdict({ facts, file }: { facts: PublicDocumentFactsFragment; file?: HashedFile }) {
  const { t } = usePublicI18n();
  const d = t.document;
  const fileLine = file ? (
    <Typography.Paragraph type="secondary" className="verify-break" style={{ marginBottom: 0 }}>
      {`${d.file}: ${file.name}`}
    </Typography.Paragraph>
  ) : null;
  if (!facts.issued) {
    return (
      <Result
        status="error"
        className="verify-result"
        title={d.notIssuedTitle}
        subTitle={d.notIssuedBody}
        extra={
          <div className="verify-result-extra">
            {fileLine}
            <Typography.Text type="secondary">{d.fileHash}</Typography.Text>
            <code className="verify-mono verify-break">{facts.sha256}</code>
          </div>
        }
      />
    );
  }
  return (
    <Result
      status="success"
      className="verify-result"
      title={d.issuedTitle}
      subTitle={d.issuedBody}
      extra={
        <div className="verify-result-extra">
          {fileLine}
          <DocumentFacts facts={facts} />
        </div>
      }
    />
  );
}
