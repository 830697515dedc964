"use client";

import { Empty, Timeline, Typography } from "antd";
import type { MilestoneType } from "@/gql/graphql";
import { useI18n } from "@/i18n/client";
import { byOccurrence } from "@/lib/freight/queue";
import { ZonedTime } from "./common";

interface MilestoneLike {
  id: string;
  type: MilestoneType;
  stationCode?: string | null;
  containerRef?: string | null;
  occurredAt: string;
  note?: string | null;
}

export function MilestoneTimeline({ milestones, timeZone }: { milestones: readonly MilestoneLike[]; timeZone: string }) {
  const { t, fmt } = useI18n();
  if (milestones.length === 0) return <Empty data-testid="milestones" description={t.freight.detail.noMilestones} />;
  const sorted = [...milestones].sort(byOccurrence);
  return (
    <div data-testid="milestones">
      <Timeline
        items={sorted.map((m) => ({
          key: m.id,
          color: m.type === "ARRIVED" || m.type === "DELIVERED" ? "green" : "blue",
          content: (
            <div>
              <Typography.Text strong>{t.freight.milestoneType[m.type]}</Typography.Text>
              {m.stationCode ? <Typography.Text type="secondary">{` · ${m.stationCode}`}</Typography.Text> : null}
              {m.containerRef ? <Typography.Text type="secondary">{` · ${fmt(t.freight.queues.container, { ref: m.containerRef })}`}</Typography.Text> : null}
              <div>
                <ZonedTime value={m.occurredAt} timeZone={timeZone} />
              </div>
              {m.note ? <Typography.Text type="secondary">{m.note}</Typography.Text> : null}
            </div>
          ),
        }))}
      />
    </div>
  );
}
