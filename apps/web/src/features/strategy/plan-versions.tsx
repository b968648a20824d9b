import { useEffect, useState } from 'react';
import { PlanDiffView, PlanVersionSummary } from '@sillage/contracts';
import type { z } from 'zod';
import { api, workspacePath } from '../../api/client.ts';
import { useResource } from '../../api/use-resource.ts';
import { LoadFailure, LoadingBlock } from '../../app/status-blocks.tsx';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';

type Summary = z.infer<typeof PlanVersionSummary>;

/** A value of the diff, short enough for a table cell. */
function shown(value: unknown): string {
  if (value === undefined) return '—';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

/** The versions of the plan, newest first, and what changed between two of them. */
export function PlanVersions(props: { workspaceId: string; currentVersion: number }) {
  const { t, locale } = useI18n();
  const { workspaceId, currentVersion } = props;
  const versions = useResource(`plan-versions:${workspaceId}:${currentVersion}`, (signal) =>
    api.get(workspacePath(workspaceId, 'strategy', 'plan', 'versions'), PlanVersionSummary.array(), { signal }),
  );
  const [from, setFrom] = useState(Math.max(1, currentVersion - 1));
  const [to, setTo] = useState(currentVersion);
  useEffect(() => {
    setFrom(Math.max(1, currentVersion - 1));
    setTo(currentVersion);
  }, [currentVersion]);
  const diff = useResource(`plan-diff:${workspaceId}:${from}:${to}`, (signal) =>
    api.get(`${workspacePath(workspaceId, 'strategy', 'plan', 'diff')}?from=${from}&to=${to}`, PlanDiffView, {
      signal,
    }),
  );
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });

  if (versions.error) return <LoadFailure error={versions.error} onRetry={versions.reload} />;
  if (!versions.data) return <LoadingBlock />;
  const list: Summary[] = versions.data;
  const options = list.map((entry) => (
    <option key={entry.version} value={entry.version}>
      {t('strategy.versions.versionN', { version: entry.version })}
    </option>
  ));

  return (
    <section className="card plan-versions" aria-labelledby="plan-versions-title">
      <h2 className="section-title" id="plan-versions-title">
        {t('strategy.versions.title')}
      </h2>
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">{t('strategy.versions.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('strategy.versions.version')}</th>
              <th scope="col">{t('strategy.versions.kind')}</th>
              <th scope="col">{t('strategy.versions.savedAt')}</th>
              <th scope="col">{t('strategy.versions.author')}</th>
              <th scope="col">{t('strategy.versions.note')}</th>
              <th scope="col" className="align-end">
                {t('strategy.versions.changes')}
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((entry) => (
              <tr key={entry.version} data-version={entry.version}>
                <th scope="row">{t('strategy.versions.versionN', { version: entry.version })}</th>
                <td>{t(`strategy.versions.kind.${entry.kind}` as MessageKey)}</td>
                <td>{date.format(new Date(entry.createdAt))}</td>
                <td>{entry.authorEmail ?? t('strategy.versions.unknownAuthor')}</td>
                <td>{entry.note || '—'}</td>
                <td className="align-end">{entry.version === 1 ? '—' : entry.changeCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {list.length > 1 && (
        <>
          <h3 className="plan-doc__heading">{t('strategy.diff.title')}</h3>
          <div className="form--inline plan-diff__pick">
            <label className="field">
              <span className="field__label">{t('strategy.diff.from')}</span>
              <select className="select" value={from} onChange={(event) => setFrom(Number(event.target.value))}>
                {options}
              </select>
            </label>
            <label className="field">
              <span className="field__label">{t('strategy.diff.to')}</span>
              <select className="select" value={to} onChange={(event) => setTo(Number(event.target.value))}>
                {options}
              </select>
            </label>
          </div>
          {diff.error && <LoadFailure error={diff.error} onRetry={diff.reload} />}
          {diff.data && diff.data.changes.length === 0 && <p>{t('strategy.diff.none')}</p>}
          {diff.data && diff.data.changes.length > 0 && (
            <div className="table-wrap">
              <table className="table plan-diff" data-testid="plan-diff">
                <caption className="visually-hidden">
                  {t('strategy.diff.caption', { from: diff.data.from, to: diff.data.to })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('strategy.diff.change')}</th>
                    <th scope="col">{t('strategy.diff.field')}</th>
                    <th scope="col">{t('strategy.diff.before')}</th>
                    <th scope="col">{t('strategy.diff.after')}</th>
                  </tr>
                </thead>
                <tbody>
                  {diff.data.changes.map((change) => (
                    <tr
                      key={`${change.type}:${change.path}`}
                      className={`plan-diff__row plan-diff__row--${change.type}`}
                    >
                      <td>{t(`strategy.diff.type.${change.type}` as MessageKey)}</td>
                      <th scope="row">
                        <code>{change.path}</code>
                      </th>
                      <td>{shown(change.before)}</td>
                      <td>{shown(change.after)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
