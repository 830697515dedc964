"use client";

import { PlusOutlined } from "@ant-design/icons";
import { Alert, App, AutoComplete, Button, Card, Empty, Form, Input, Modal, Radio, Select, Space, Table, Tag, Tooltip, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { CursorPager } from "@/components/CursorPager";
import { PageHeader } from "@/components/PageHeader";
import type { CertificationStatus, DeskCertificationFragment, DeskManufacturersQuery, DeskMarketsQuery } from "@/gql/graphql";
import { useI18n } from "@/i18n/client";
import { formatDateTime } from "@/lib/format";
import { named } from "@/lib/freight/format";
import { gqlFetch } from "@/lib/graphql/client";
import { applyFieldErrors, failureMessage, isFailure, thrownMessage } from "@/lib/graphql/results";
import { useCursorPages } from "@/lib/useCursorPages";
import {
  CertificationsDocument,
  IssueCertificationDocument,
  ManufacturersDocument,
  MarketsDocument,
  parseVinList,
  RevokeCertificationDocument,
  SHA256_HEX,
  STANDARD_SUGGESTIONS,
} from "@/lib/vehicles/certifications";
import { shortHash } from "@/lib/vehicles/csv";

type Maker = DeskManufacturersQuery["organizations"]["edges"][number]["node"];
type Market = DeskMarketsQuery["markets"][number];

const PAGE_SIZE = 20;
const STATUS_COLOR: Record<CertificationStatus, string> = { PENDING: "processing", ACTIVE: "success", REVOKED: "error" };

/** Status as the desk shows it: a revocation waiting for the ledger is said so. */
export function CertificationStatusTag({ cert }: { cert: Pick<DeskCertificationFragment, "status" | "revokedAt" | "revokeReason" | "txId" | "blockNumber"> }) {
  const { t, fmt } = useI18n();
  const c = t.certifications;
  const revocationPending = cert.revokedAt && cert.status !== "REVOKED";
  const label = revocationPending ? c.revokePending : c.statuses[cert.status];
  const details = [
    cert.revokeReason ? fmt(c.revokedBecause, { reason: cert.revokeReason }) : null,
    cert.txId ? `${t.vehicles.txId}: ${shortHash(cert.txId, 10)}` : null,
    cert.blockNumber != null ? `${t.vehicles.block}: ${cert.blockNumber}` : null,
  ].filter(Boolean);
  const tag = (
    <Tag color={revocationPending ? "warning" : STATUS_COLOR[cert.status]} data-testid="certification-status" tabIndex={details.length ? 0 : undefined}>
      {label}
    </Tag>
  );
  return details.length ? <Tooltip title={<span style={{ whiteSpace: "pre-line" }}>{details.join("\n")}</span>}>{tag}</Tooltip> : tag;
}

function useMakers() {
  const [makers, setMakers] = useState<Maker[]>([]);
  const [search, setSearch] = useState("");
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    const timer = setTimeout(() => {
      gqlFetch(ManufacturersDocument, { search: search.trim() || null })
        .then(({ organizations }) => {
          if (!cancelled) setMakers(organizations.edges.map((e) => e.node));
        })
        .catch(() => {
          if (!cancelled) setMakers([]);
        })
        .finally(() => {
          if (!cancelled) setLoading(false);
        });
    }, 200);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [search]);
  return { makers, loading, setSearch };
}

/** The certification body's desk: certifications it issued to a maker; issue and revoke. */
export function CertificationDesk({ timezone, canWrite }: { timezone: string; canWrite: boolean }) {
  const { t, fmt, locale } = useI18n();
  const c = t.certifications;
  const { makers, loading: makersLoading, setSearch } = useMakers();
  const [maker, setMaker] = useState<Maker | null>(null);
  const [market, setMarket] = useState<string | null>(null);
  const [markets, setMarkets] = useState<Market[]>([]);
  const [issueOpen, setIssueOpen] = useState(false);
  const [revoking, setRevoking] = useState<DeskCertificationFragment | null>(null);

  useEffect(() => {
    gqlFetch(MarketsDocument)
      .then(({ markets }) => setMarkets(markets))
      .catch(() => setMarkets([]));
  }, []);

  const makerId = maker?.id ?? null;
  const load = useCallback(
    async ({ first, after }: { first: number; after: string | null }) => {
      if (!makerId) return { rows: [], totalCount: 0, hasNextPage: false, endCursor: null };
      const { certifications } = await gqlFetch(CertificationsDocument, { makerId, market, first, after });
      return {
        rows: certifications.edges.map((e) => e.node),
        totalCount: certifications.totalCount,
        hasNextPage: certifications.pageInfo.hasNextPage,
        endCursor: certifications.pageInfo.endCursor,
      };
    },
    [makerId, market],
  );
  const pages = useCursorPages<DeskCertificationFragment>(load, PAGE_SIZE, `${makerId ?? ""}|${market ?? ""}`);

  // Issued and revoked certifications wait for the ledger: look again until they are on it.
  const waiting = pages.rows.some((row) => row.status === "PENDING" || (row.revokedAt && row.status !== "REVOKED"));
  const reload = pages.reload;
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(reload, 3_000);
    return () => clearInterval(timer);
  }, [waiting, reload]);

  const makerOptions = [...makers, ...(maker && !makers.some((m) => m.id === maker.id) ? [maker] : [])].map((m) => ({ value: m.id, label: named(m, locale) }));
  const marketName = (code: string) => {
    const found = markets.find((m) => m.code === code);
    return found ? `${code} · ${named(found, locale)}` : code;
  };

  return (
    <>
      <PageHeader
        title={c.title}
        description={c.description}
        extra={
          canWrite ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setIssueOpen(true)}>
              {c.issue}
            </Button>
          ) : (
            <Tag>{c.readOnly}</Tag>
          )
        }
      />
      <Card>
        <Form layout="vertical" className="filter-bar">
          <Form.Item label={c.maker} htmlFor="desk-maker">
            <Select
              id="desk-maker"
              showSearch={{ filterOption: false, onSearch: setSearch }}
              allowClear
              style={{ minWidth: 280 }}
              placeholder={c.makerPlaceholder}
              loading={makersLoading}
              value={maker?.id}
              options={makerOptions}
              onChange={(value?: string) => setMaker(value ? ([...makers, ...(maker ? [maker] : [])].find((m) => m.id === value) ?? null) : null)}
            />
          </Form.Item>
          <Form.Item label={c.market} htmlFor="desk-market">
            <Select
              id="desk-market"
              allowClear
              style={{ minWidth: 200 }}
              placeholder={c.allMarkets}
              value={market ?? undefined}
              onChange={(value?: string) => setMarket(value ?? null)}
              options={markets.map((m) => ({ value: m.code, label: marketName(m.code) }))}
            />
          </Form.Item>
        </Form>
        {pages.error ? <Typography.Text type="danger">{thrownMessage(t, pages.error)}</Typography.Text> : null}
        <Table<DeskCertificationFragment>
          rowKey="id"
          loading={pages.loading && !!makerId}
          dataSource={makerId ? pages.rows : []}
          pagination={false}
          scroll={{ x: "max-content" }}
          data-testid="certifications"
          locale={{ emptyText: <Empty description={makerId ? c.empty : c.chooseMaker} /> }}
          columns={[
            { title: c.number, key: "number", render: (_, row) => <span className="nowrap">{row.number}</span> },
            { title: c.standard, dataIndex: "standard" },
            {
              title: c.market,
              key: "market",
              render: (_, row) => (
                <span title={marketName(row.market)} className="nowrap">
                  {row.market}
                </span>
              ),
            },
            {
              title: c.scope,
              key: "scope",
              render: (_, row) =>
                row.modelCode ? (
                  <span className="nowrap">{fmt(c.scopeModelCode, { code: row.modelCode })}</span>
                ) : (
                  <span title={row.vins.join(", ")}>{fmt(c.vinsCount, { count: row.vins.length })}</span>
                ),
            },
            {
              title: c.validity,
              key: "validity",
              render: (_, row) => <span className="nowrap">{fmt(t.vehicles.detail.validRange, { from: row.validFrom, to: row.validTo })}</span>,
            },
            {
              title: c.status,
              key: "status",
              width: 220,
              render: (_, row) => (
                <>
                  <CertificationStatusTag cert={row} />
                  {row.revokeReason ? (
                    <div style={{ maxWidth: 220, whiteSpace: "normal" }}>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {row.revokeReason}
                      </Typography.Text>
                    </div>
                  ) : null}
                </>
              ),
            },
            { title: c.issuedAt, key: "issuedAt", render: (_, row) => <span className="nowrap">{formatDateTime(row.createdAt, locale, timezone)}</span> },
            ...(canWrite
              ? [
                  {
                    title: t.common.actions,
                    key: "actions",
                    render: (_: unknown, row: DeskCertificationFragment) =>
                      row.revokedAt ? null : (
                        <Button size="small" danger onClick={() => setRevoking(row)} aria-label={fmt(c.revokeTitle, { number: row.number })}>
                          {c.revoke}
                        </Button>
                      ),
                  },
                ]
              : []),
          ]}
        />
        {makerId ? (
          <CursorPager
            pageIndex={pages.pageIndex}
            pageCount={pages.pageCount}
            totalCount={pages.totalCount}
            hasNextPage={pages.hasNextPage}
            loading={pages.loading}
            onPrevious={pages.previous}
            onNext={pages.next}
          />
        ) : null}
      </Card>
      <IssueCertificationModal
        open={issueOpen}
        makers={makers}
        maker={maker}
        markets={markets}
        onSearchMakers={setSearch}
        onClose={() => setIssueOpen(false)}
        onIssued={(issuedFor) => {
          setIssueOpen(false);
          if (issuedFor.id !== makerId) setMaker(issuedFor);
          else reload();
        }}
      />
      <RevokeModal certification={revoking} onClose={() => setRevoking(null)} onRevoked={reload} />
    </>
  );
}

interface IssueValues {
  makerId: string;
  scope: "model" | "vins";
  modelCode?: string;
  vins?: string;
  market: string;
  standard: string;
  number: string;
  validFrom: string;
  validTo: string;
  documentHash?: string;
}

const ISSUE_FIELDS = ["makerId", "modelCode", "vins", "market", "standard", "number", "validFrom", "validTo", "documentHash"];

function IssueCertificationModal({
  open,
  makers,
  maker,
  markets,
  onSearchMakers,
  onClose,
  onIssued,
}: {
  open: boolean;
  makers: Maker[];
  maker: Maker | null;
  markets: Market[];
  onSearchMakers: (search: string) => void;
  onClose: () => void;
  onIssued: (maker: Maker) => void;
}) {
  const { t, fmt, locale } = useI18n();
  const { message } = App.useApp();
  const c = t.certifications;
  const [form] = Form.useForm<IssueValues>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (open) setProblem(null);
  }, [open]);
  const scope = Form.useWatch("scope", form);
  const vinsText = Form.useWatch("vins", form);
  const required = [{ required: true, whitespace: true, message: t.common.required }];
  const choices = [...makers, ...(maker && !makers.some((m) => m.id === maker.id) ? [maker] : [])];

  async function submit(values: IssueValues) {
    setBusy(true);
    setProblem(null);
    try {
      const { issueCertification } = await gqlFetch(IssueCertificationDocument, {
        input: {
          makerId: values.makerId,
          modelCode: values.scope === "model" ? (values.modelCode ?? "").trim() : null,
          vins: values.scope === "vins" ? parseVinList(values.vins ?? "") : null,
          market: values.market,
          standard: values.standard.trim(),
          number: values.number.trim(),
          validFrom: values.validFrom,
          validTo: values.validTo,
          documentHash: values.documentHash?.trim() ? values.documentHash.trim().toLowerCase() : null,
        },
      });
      if (isFailure(issueCertification)) {
        if (issueCertification.code === "VALIDATION") {
          const fieldErrors = "fieldErrors" in issueCertification ? issueCertification.fieldErrors : [];
          const rest = applyFieldErrors(form, fieldErrors, ISSUE_FIELDS);
          setProblem(rest.length > 0 || (fieldErrors ?? []).length === 0 ? rest.join(" ") || issueCertification.message : null);
        } else setProblem(failureMessage(t, issueCertification));
        return;
      }
      if (issueCertification.__typename !== "IssueCertificationSuccess") return;
      message.success(fmt(c.issued, { number: issueCertification.data.number }));
      const issuedFor = choices.find((m) => m.id === values.makerId);
      if (issuedFor) onIssued(issuedFor);
    } catch (caught) {
      setProblem(thrownMessage(t, caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open}
      title={c.issueTitle}
      width={640}
      okText={c.issue}
      cancelText={t.common.cancel}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<IssueValues> form={form} layout="vertical" onFinish={(values) => void submit(values)} preserve={false} initialValues={{ scope: "model", makerId: maker?.id }}>
        <Form.Item name="makerId" label={c.maker} rules={[{ required: true, message: t.common.required }]}>
          <Select
            showSearch={{ filterOption: false, onSearch: onSearchMakers }}
            placeholder={c.makerPlaceholder}
            options={choices.map((m) => ({ value: m.id, label: named(m, locale) }))}
          />
        </Form.Item>
        <Form.Item name="scope" label={c.scope}>
          <Radio.Group
            optionType="button"
            options={[
              { value: "model", label: c.scopeModel },
              { value: "vins", label: c.scopeVins },
            ]}
          />
        </Form.Item>
        {scope === "vins" ? (
          <Form.Item name="vins" label={c.vins} extra={`${c.vinsHelp}${vinsText ? ` · ${fmt(c.vinsCount, { count: parseVinList(vinsText).length })}` : ""}`} rules={required}>
            <Input.TextArea rows={4} style={{ fontFamily: "monospace" }} />
          </Form.Item>
        ) : (
          <Form.Item name="modelCode" label={c.modelCode} extra={c.modelCodeHelp} rules={required}>
            <Input maxLength={128} />
          </Form.Item>
        )}
        <div className="form-row">
          <Form.Item name="market" label={c.market} rules={[{ required: true, message: t.common.required }]}>
            <Select
              showSearch={{ optionFilterProp: "label" }}
              style={{ minWidth: 220 }}
              options={markets.map((m) => ({ value: m.code, label: `${m.code} · ${named(m, locale)}` }))}
            />
          </Form.Item>
          <Form.Item name="standard" label={c.standard} extra={c.standardHelp} rules={required}>
            <AutoComplete
              style={{ minWidth: 240 }}
              options={STANDARD_SUGGESTIONS.map((value) => ({ value }))}
              filterOption={(input, option) => (option?.value ?? "").toLowerCase().includes(input.toLowerCase())}
            />
          </Form.Item>
        </div>
        <Form.Item name="number" label={c.number} extra={c.numberHelp} rules={required}>
          <Input maxLength={128} />
        </Form.Item>
        <div className="form-row">
          <Form.Item name="validFrom" label={c.validFrom} rules={[{ required: true, message: t.common.required }]}>
            <Input type="date" max="9999-12-31" />
          </Form.Item>
          <Form.Item
            name="validTo"
            label={c.validTo}
            dependencies={["validFrom"]}
            rules={[
              { required: true, message: t.common.required },
              ({ getFieldValue }) => ({
                validator: (_, value: string | undefined) =>
                  !value || !getFieldValue("validFrom") || value > getFieldValue("validFrom") ? Promise.resolve() : Promise.reject(new Error(c.validToAfter)),
              }),
            ]}
          >
            <Input type="date" max="9999-12-31" />
          </Form.Item>
        </div>
        <Form.Item name="documentHash" label={c.documentHash} rules={[{ pattern: SHA256_HEX, message: c.documentHashInvalid }]}>
          <Input maxLength={64} style={{ fontFamily: "monospace" }} />
        </Form.Item>
        {problem ? <Alert type="error" showIcon title={problem} data-testid="issue-certification-problem" /> : null}
      </Form>
    </Modal>
  );
}

function RevokeModal({ certification, onClose, onRevoked }: { certification: DeskCertificationFragment | null; onClose: () => void; onRevoked: () => void }) {
  const { t, fmt } = useI18n();
  const { message } = App.useApp();
  const c = t.certifications;
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (certification) setProblem(null);
  }, [certification]);

  async function submit({ reason }: { reason: string }) {
    if (!certification) return;
    setBusy(true);
    setProblem(null);
    try {
      const { revokeCertification } = await gqlFetch(RevokeCertificationDocument, { input: { id: certification.id, reason: reason.trim() } });
      if (isFailure(revokeCertification)) {
        setProblem(revokeCertification.code === "VALIDATION" ? revokeCertification.message : failureMessage(t, revokeCertification));
        return;
      }
      message.success(fmt(c.revoked, { number: certification.number }));
      onRevoked();
      onClose();
    } catch (caught) {
      setProblem(thrownMessage(t, caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={certification !== null}
      title={certification ? fmt(c.revokeTitle, { number: certification.number }) : ""}
      okText={c.revoke}
      okButtonProps={{ danger: true }}
      cancelText={t.common.cancel}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Space direction="vertical" style={{ width: "100%" }}>
        <Alert type="warning" showIcon title={c.revokeBody} />
        <Form form={form} layout="vertical" onFinish={(values) => void submit(values)} preserve={false}>
          <Form.Item name="reason" label={c.revokeReason} rules={[{ required: true, whitespace: true, message: c.revokeReasonRequired }]}>
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </Form>
        {problem ? <Alert type="error" showIcon title={problem} data-testid="revoke-problem" /> : null}
      </Space>
    </Modal>
  );
}
