import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Ok, ReportDeliveryView, ReportList, type ReportView } from '@sillage/contracts';
import { addLocalDays } from '@sillage/domain';
import { api, workspacePath } from '../../api/client.ts';
import { describeApiError } from '../../api/form-errors.ts';
import { useResource } from '../../api/use-resource.ts';
import { LoadFailure, LoadingBlock } from '../../app/status-blocks.tsx';
import { formatInstant } from '../../i18n/format.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { Button } from '../../ui/button.tsx';
import { Dialog } from '../../ui/dialog.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { Table, type Column } from '../../ui/table.tsx';
import { useToast } from '../../ui/toast.tsx';
import { formatLocalDate, kpiLabel } from '../analytics/figures.ts';
import { useWorkspace } from '../workspaces/workspace-context.tsx';
import { ReportForm } from './report-form.tsx';
import { describeSchedule } from './report-text.ts';
import './reports.css';

type Delivery = ReportView['deliveries'][number];

/** `/w/:id/analytics/reports`: saved reports, their builder, schedule, recipients, PDF preview and deliveries. */
export function ReportsPage() {
  const { t } = useI18n();
  const { workspace, can } = useWorkspace();
  const reports = useResource(`reports:${workspace.id}`, (signal) =>
    api.get(workspacePath(workspace.id, 'reports'), ReportList, { signal }),
  );
  const [editing, setEditing] = useState<ReportView | 'new' | null>(null);
  const manage = can('reports.manage');

  function saved(report: ReportView) {
    reports.setData((current) => {
      const list = current?.reports ?? [];
      return {
        reports: list.some((entry) => entry.id === report.id)
          ? list.map((entry) => (entry.id === report.id ? report : entry))
          : [...list, report],
      };
    });
    setEditing(null);
  }

  return (
    <section className="page reports-page">
      <header className="page__header">
        <p>
          <Link to={`/w/${workspace.id}/analytics`}>{t('reports.backToAnalytics')}</Link>
        </p>
        <h1>{t('reports.title')}</h1>
        <p className="lead">{t('reports.intro')}</p>
      </header>
      {manage && editing === null && (
        <Button variant="primary" onClick={() => setEditing('new')}>
          {t('reports.new')}
        </Button>
      )}
      {editing !== null && (
        <section className="panel">
          <ReportForm
            key={editing === 'new' ? 'new' : editing.id}
            report={editing === 'new' ? null : editing}
            onSaved={saved}
            onCancel={() => setEditing(null)}
          />
        </section>
      )}
      {reports.error && <LoadFailure error={reports.error} onRetry={reports.reload} />}
      {reports.loading && !reports.data && <LoadingBlock />}
      {reports.data && reports.data.reports.length === 0 && editing === null && (
        <EmptyState title={t('reports.none')} />
      )}
      {reports.data?.reports.map((report) => (
        <ReportCard
          key={report.id}
          report={report}
          manage={manage}
          onEdit={() => setEditing(report)}
          onChanged={reports.reload}
          onDeleted={() =>
            reports.setData((current) => ({
              reports: (current?.reports ?? []).filter((entry) => entry.id !== report.id),
            }))
          }
        />
      ))}
    </section>
  );
}

function ReportCard(props: {
  report: ReportView;
  manage: boolean;
  onEdit: () => void;
  onChanged: () => void;
  onDeleted: () => void;
}) {
  const { report } = props;
  const { t, locale } = useI18n();
  const { workspace } = useWorkspace();
  const toast = useToast();
  const [sending, setSending] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const titleId = `report-${report.id}-title`;

  async function sendNow() {
    setSending(true);
    try {
      const delivery = await api.post(workspacePath(workspace.id, 'reports', report.id, 'send'), ReportDeliveryView);
      toast.show(
        delivery.status === 'sent'
          ? t('reports.sentTo', { emails: delivery.sentTo.join(', ') })
          : t('reports.sendFailed', { reason: delivery.error ?? '' }),
        delivery.status === 'sent' ? 'success' : 'error',
      );
      props.onChanged();
    } catch (error) {
      toast.show(describeApiError(error, t), 'error');
    } finally {
      setSending(false);
    }
  }

  async function remove() {
    try {
      await api.delete(workspacePath(workspace.id, 'reports', report.id), Ok);
      setConfirming(false);
      toast.show(t('reports.deleted', { title: report.title }));
      props.onDeleted();
    } catch (error) {
      toast.show(describeApiError(error, t), 'error');
    }
  }

  return (
    <article className="panel report-card" aria-labelledby={titleId}>
      <h2 id={titleId} className="section-title">
        {report.title}
      </h2>
      <dl className="report-card__facts">
        <dt>{t('reports.period')}</dt>
        <dd>{t(`reports.period.${report.period}` as MessageKey)}</dd>
        <dt>{t('reports.language')}</dt>
        <dd>{report.language === 'fr' ? 'Français' : 'English'}</dd>
        <dt>{t('reports.kpis')}</dt>
        <dd>{report.kpis.map((key) => t(kpiLabel[key])).join(', ')}</dd>
        <dt>{t('reports.sections')}</dt>
        <dd>{report.sections.map((section) => t(`reports.section.${section}` as MessageKey)).join(' → ')}</dd>
        <dt>{t('reports.recipients')}</dt>
        <dd>{report.recipients.join(', ') || t('reports.noRecipients')}</dd>
        <dt>{t('reports.schedule')}</dt>
        <dd>
          {describeSchedule(report.schedule, report.timeZone, locale, t)}
          {report.nextSendAt &&
            ` · ${t('reports.nextSend', { at: formatInstant(report.nextSendAt, report.timeZone, locale) })}`}
        </dd>
        {report.branding.agencyName && (
          <>
            <dt>{t('reports.agencyName')}</dt>
            <dd>{report.branding.agencyName}</dd>
          </>
        )}
      </dl>
      <div className="report-card__actions">
        <a
          className="button button--secondary"
          href={workspacePath(workspace.id, 'reports', report.id, 'pdf')}
          target="_blank"
          rel="noopener"
        >
          {t('reports.previewPdf')}
          <span className="visually-hidden"> {report.title}</span>
        </a>
        {props.manage && (
          <>
            <Button onClick={props.onEdit}>
              {t('reports.edit')}
              <span className="visually-hidden"> {report.title}</span>
            </Button>
            <Button variant="primary" busy={sending} onClick={() => void sendNow()}>
              {t('reports.sendNow')}
              <span className="visually-hidden"> {report.title}</span>
            </Button>
            <Button variant="danger" onClick={() => setConfirming(true)}>
              {t('reports.delete')}
              <span className="visually-hidden"> {report.title}</span>
            </Button>
          </>
        )}
      </div>
      <Deliveries deliveries={report.deliveries} timeZone={report.timeZone} title={report.title} />
      <Dialog
        open={confirming}
        title={t('reports.deleteTitle', { title: report.title })}
        onClose={() => setConfirming(false)}
        footer={
          <>
            <Button onClick={() => setConfirming(false)}>{t('common.cancel')}</Button>
            <Button variant="danger" onClick={() => void remove()}>
              {t('reports.delete')}
            </Button>
          </>
        }
      >
        <p>{t('reports.deleteBody')}</p>
      </Dialog>
    </article>
  );
}

function Deliveries(props: { deliveries: Delivery[]; timeZone: string; title: string }) {
  const { t, locale } = useI18n();
  if (props.deliveries.length === 0) return <p className="muted">{t('reports.noDeliveries')}</p>;
  const at = (instant: string) => formatInstant(instant, props.timeZone, locale);
  const columns: Column<Delivery>[] = [
    { key: 'due', header: t('reports.delivery.due'), isRowHeader: true, cell: (row) => at(row.dueAt) },
    {
      key: 'period',
      header: t('reports.delivery.period'),
      cell: (row) =>
        t('reports.delivery.periodRange', {
          start: formatLocalDate(row.periodStart, locale),
          end: formatLocalDate(addLocalDays(row.periodEnd, -1), locale),
        }),
    },
    {
      key: 'trigger',
      header: t('reports.delivery.trigger'),
      cell: (row) => t(`reports.delivery.trigger.${row.trigger}` as MessageKey),
    },
    {
      key: 'status',
      header: t('reports.delivery.status'),
      cell: (row) => (
        <span className={`report-status report-status--${row.status}`}>
          {t(`reports.delivery.status.${row.status}` as MessageKey)}
        </span>
      ),
    },
    { key: 'attempts', header: t('reports.delivery.attempts'), align: 'end', cell: (row) => row.attempts },
    {
      key: 'details',
      header: t('reports.delivery.details'),
      cell: (row) =>
        [
          row.sentTo.length > 0 ? t('reports.delivery.sentTo', { emails: row.sentTo.join(', ') }) : '',
          row.error ?? '',
          row.nextAttemptAt ? t('reports.delivery.retryAt', { at: at(row.nextAttemptAt) }) : '',
        ]
          .filter(Boolean)
          .join(' · '),
    },
  ];
  return (
    <Table
      caption={t('reports.deliveriesCaption', { title: props.title })}
      columns={columns}
      rows={props.deliveries}
      rowKey={(row) => row.id}
    />
  );
}
