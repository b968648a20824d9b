import type { AnalyticsTable } from '@sillage/contracts';
import { workspacePath } from '../../api/client.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';

/** The XLSX export link of one table of the analytics overview, for the period shown (next to its CSV link). */
export function XlsxLink(props: {
  workspaceId: string;
  table: AnalyticsTable;
  period: { start: string; end: string };
}) {
  const { t } = useI18n();
  const query = new URLSearchParams({ table: props.table, start: props.period.start, end: props.period.end });
  return (
    <a
      className="button button--secondary"
      href={`${workspacePath(props.workspaceId, 'analytics', 'export', 'xlsx')}?${query.toString()}`}
      download
      aria-label={t('reports.exportXlsxTable', { table: t(`analytics.table.${props.table}` as MessageKey) })}
    >
      {t('reports.exportXlsx')}
    </a>
  );
}
