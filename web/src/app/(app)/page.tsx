import type { Metadata } from "next";
import { graphql } from "@/gql";
import { getDictionary } from "@/i18n";
import { getRequestLocale } from "@/i18n/server";
import { gqlFetch } from "@/lib/graphql/server";
import { isOrgAdmin } from "@/lib/navigation";
import { requireViewer } from "@/lib/viewer";
import { type ActivityEntry, DashboardView, type Figure } from "./DashboardView";

const RecentActivityQuery = graphql(`
  query RecentActivity {
    auditLog(first: 5) {
      edges {
        node {
          id
          action
          targetType
          createdAt
          actor {
            id
            name
          }
        }
      }
    }
  }
`);

const DashboardQuery = graphql(`
  query DashboardFigures {
    dashboard {
      key
      value
      secondary
    }
  }
`);

export async function generateMetadata(): Promise<Metadata> {
  return { title: getDictionary(await getRequestLocale()).nav.dashboard };
}

export default async function DashboardPage() {
  const viewer = await requireViewer();
  let activity: ActivityEntry[] | null = null;
  if (isOrgAdmin(viewer) || viewer.isPlatformAdmin) {
    try {
      const { auditLog } = await gqlFetch(RecentActivityQuery);
      activity = auditLog.edges.map((edge) => edge.node);
    } catch {
      // The dashboard still works without the activity card; the audit log page shows the error.
      activity = null;
    }
  }
  // Without figures the cards keep their empty states; the pages they link to show any error.
  const figures: Figure[] = await gqlFetch(DashboardQuery)
    .then((data) => data.dashboard)
    .catch(() => []);
  return <DashboardView viewer={viewer} activity={activity} figures={figures} />;
}
