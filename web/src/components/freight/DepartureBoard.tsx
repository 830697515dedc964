"use client";

import { Button, Card, Checkbox, Empty, Form, Input, Select, Space, Table, Typography } from "antd";
import Link from "next/link";
import { useCallback, useEffect, useMemo, useState } from "react";
import { CursorPager } from "@/components/CursorPager";
import { PageHeader } from "@/components/PageHeader";
import type { DepartureRowFragment, FreightCorridorsQuery } from "@/gql/graphql";
import { useI18n } from "@/i18n/client";
import { corridorStations, formatMoney, named, originTimeZone } from "@/lib/freight/format";
import { CorridorsDocument, DeparturesDocument } from "@/lib/freight/operations";
import { gqlFetch } from "@/lib/graphql/client";
import { thrownMessage } from "@/lib/graphql/results";
import { useCursorPages } from "@/lib/useCursorPages";
import { DepartureStatusTag, FillGauge, ZonedTime } from "./common";

export type Corridors = FreightCorridorsQuery["corridors"];

export interface DepartureFilters {
  corridorCode: string | null;
  destinationCode: string | null;
  from: string;
  to: string;
  bookableOnly: boolean;
}

const PAGE_SIZE = 20;

/** A date typed in a date input ("2026-11-25"), as the start (or end) of that day in the browser's zone. */
function dayBound(value: string, end: boolean): string | null {
  if (!value) return null;
  const date = new Date(`${value}T${end ? "23:59:59" : "00:00:00"}`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export function useCorridors(): Corridors {
  const [corridors, setCorridors] = useState<Corridors>([]);
  useEffect(() => {
    gqlFetch(CorridorsDocument)
      .then((data) => setCorridors(data.corridors))
      .catch(() => setCorridors([]));
  }, []);
  return corridors;
}

export function DepartureFilterBar({
  corridors,
  filters,
  onChange,
  showBookable = true,
}: {
  corridors: Corridors;
  filters: DepartureFilters;
  onChange: (next: DepartureFilters) => void;
  showBookable?: boolean;
}) {
  const { t, locale } = useI18n();
  const destinations = useMemo(() => {
    const chosen = filters.corridorCode ? corridors.filter((c) => c.code === filters.corridorCode) : corridors;
    const seen = new Map<string, string>();
    for (const corridor of chosen) for (const station of corridorStations(corridor).slice(1)) seen.set(station.code, named(station, locale));
    return [...seen].map(([value, label]) => ({ value, label: `${label} (${value})` }));
  }, [corridors, filters.corridorCode, locale]);
  return (
    <Form layout="vertical" className="filter-bar" aria-label={t.common.search}>
      <Form.Item label={t.freight.corridor} htmlFor="filter-corridor">
        <Select
          id="filter-corridor"
          allowClear
          style={{ minWidth: 220 }}
          placeholder={t.freight.allCorridors}
          value={filters.corridorCode ?? undefined}
          onChange={(value?: string) => onChange({ ...filters, corridorCode: value ?? null, destinationCode: null })}
          options={corridors.map((c) => ({ value: c.code, label: `${named(c, locale)} (${c.code})` }))}
        />
      </Form.Item>
      <Form.Item label={t.freight.destination} htmlFor="filter-destination">
        <Select
          id="filter-destination"
          allowClear
          style={{ minWidth: 200 }}
          placeholder={t.freight.allDestinations}
          value={filters.destinationCode ?? undefined}
          onChange={(value?: string) => onChange({ ...filters, destinationCode: value ?? null })}
          options={destinations}
        />
      </Form.Item>
      <Form.Item label={t.freight.fromDate} htmlFor="filter-from">
        <Input id="filter-from" type="date" value={filters.from} onChange={(e) => onChange({ ...filters, from: e.target.value })} />
      </Form.Item>
      <Form.Item label={t.freight.toDate} htmlFor="filter-to">
        <Input id="filter-to" type="date" value={filters.to} onChange={(e) => onChange({ ...filters, to: e.target.value })} />
      </Form.Item>
      {showBookable ? (
        <Form.Item label=" " colon={false}>
          <Checkbox checked={filters.bookableOnly} onChange={(e) => onChange({ ...filters, bookableOnly: e.target.checked })}>
            {t.freight.bookableOnly}
          </Checkbox>
        </Form.Item>
      ) : null}
    </Form>
  );
}

export function useDeparturePages(filters: DepartureFilters, mine: boolean) {
  const key = JSON.stringify({ ...filters, mine });
  const load = useCallback(
    async ({ first, after }: { first: number; after: string | null }) => {
      const { departures } = await gqlFetch(DeparturesDocument, {
        corridorCode: filters.corridorCode,
        destinationCode: filters.destinationCode,
        from: dayBound(filters.from, false),
        to: dayBound(filters.to, true),
        bookableOnly: filters.bookableOnly || null,
        mine: mine || null,
        first,
        after,
      });
      return {
        rows: departures.edges.map((edge) => edge.node),
        totalCount: departures.totalCount,
        hasNextPage: departures.pageInfo.hasNextPage,
        endCursor: departures.pageInfo.endCursor,
      };
    },
    [filters, mine],
  );
  return useCursorPages<DepartureRowFragment>(load, PAGE_SIZE, key);
}

/** The table of departures shared by the maker's board and the operator's console. */
export function DeparturesTable({
  rows,
  loading,
  action,
  linkTo,
}: {
  rows: DepartureRowFragment[];
  loading: boolean;
  action?: (row: DepartureRowFragment) => React.ReactNode;
  linkTo?: (row: DepartureRowFragment) => string;
}) {
  const { t, locale } = useI18n();
  return (
    <Table<DepartureRowFragment>
      rowKey="id"
      loading={loading}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 960 }}
      locale={{ emptyText: <Empty description={t.freight.noDepartures} /> }}
      columns={[
        {
          title: t.freight.departure,
          key: "code",
          render: (_, row) => (
            <Space direction="vertical" size={0}>
              {linkTo ? (
                <Link href={linkTo(row)} className="nowrap">
                  {row.code}
                </Link>
              ) : (
                <Typography.Text strong className="nowrap">
                  {row.code}
                </Typography.Text>
              )}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {named(row.corridor, locale)}
              </Typography.Text>
            </Space>
          ),
        },
        {
          title: t.freight.departs,
          key: "departs",
          render: (_, row) => (
            <Space direction="vertical" size={0}>
              <ZonedTime value={row.departsAt} timeZone={originTimeZone(row.corridor)} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {originTimeZone(row.corridor)}
              </Typography.Text>
            </Space>
          ),
        },
        { title: t.freight.cutoff, key: "cutoff", render: (_, row) => <ZonedTime value={row.cutoffAt} timeZone={originTimeZone(row.corridor)} /> },
        { title: t.freight.eta, key: "eta", render: (_, row) => <ZonedTime value={row.etaAt} timeZone={originTimeZone(row.corridor)} /> },
        { title: t.freight.capacity, key: "capacity", render: (_, row) => <FillGauge {...row} /> },
        { title: t.freight.lclPrice, key: "lcl", render: (_, row) => <span className="nowrap">{formatMoney(row.lclPerWm, locale)}</span> },
        { title: t.freight.status, key: "status", render: (_, row) => <DepartureStatusTag status={row.status} /> },
        ...(action ? [{ title: t.common.actions, key: "action", render: (_: unknown, row: DepartureRowFragment) => action(row) }] : []),
      ]}
    />
  );
}

export function DepartureBoard() {
  const { t } = useI18n();
  const corridors = useCorridors();
  const [filters, setFilters] = useState<DepartureFilters>({ corridorCode: null, destinationCode: null, from: "", to: "", bookableOnly: true });
  const pages = useDeparturePages(filters, false);
  return (
    <>
      <PageHeader title={t.freight.boardTitle} description={t.freight.boardDescription} extra={<Button href="/shipments">{t.freight.shipments.title}</Button>} />
      <Card>
        <DepartureFilterBar corridors={corridors} filters={filters} onChange={setFilters} />
        {pages.error ? <Typography.Text type="danger">{thrownMessage(t, pages.error)}</Typography.Text> : null}
        <DeparturesTable
          rows={pages.rows}
          loading={pages.loading}
          action={(row) =>
            row.bookable ? (
              <Button type="primary" size="small" href={`/freight/bookings/new?departure=${encodeURIComponent(row.id)}`} aria-label={`${t.freight.book} ${row.code}`}>
                {t.freight.book}
              </Button>
            ) : null
          }
        />
        <CursorPager
          pageIndex={pages.pageIndex}
          pageCount={pages.pageCount}
          totalCount={pages.totalCount}
          hasNextPage={pages.hasNextPage}
          loading={pages.loading}
          onPrevious={pages.previous}
          onNext={pages.next}
        />
      </Card>
    </>
  );
}
