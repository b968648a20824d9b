import { useState } from 'react';
import { PlanVersionView } from '@sillage/contracts';
import type { Plan, PlanLocale } from '@sillage/domain';
import { api, workspacePath } from '../../api/client.ts';
import { useResource } from '../../api/use-resource.ts';
import { LoadFailure, LoadingBlock } from '../../app/status-blocks.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Button } from '../../ui/button.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { useToast } from '../../ui/toast.tsx';
import { useWorkspace } from '../workspaces/workspace-context.tsx';
import { PlanBuilderForm, type PlanVersion } from './plan-builder-form.tsx';
import { PlanDocumentView } from './plan-document-view.tsx';
import { PlanEditor } from './plan-editor.tsx';
import { PlanVersions } from './plan-versions.tsx';
import './strategy.css';

type Mode = 'view' | 'build' | 'edit';

/** The download links of the plan, in the language chosen beside them. */
function PlanExports({ workspaceId, version }: { workspaceId: string; version: number }) {
  const { t, locale } = useI18n();
  const [lang, setLang] = useState<PlanLocale>(locale);
  const href = (file: string) =>
    `${workspacePath(workspaceId, 'strategy', 'plan', file)}?${new URLSearchParams({ lang, version: String(version) }).toString()}`;
  return (
    <div className="plan-exports" role="group" aria-label={t('strategy.export.title')}>
      <label className="field">
        <span className="field__label">{t('strategy.export.language')}</span>
        <select className="select" value={lang} onChange={(event) => setLang(event.target.value as PlanLocale)}>
          <option value="fr">{t('strategy.export.fr')}</option>
          <option value="en">{t('strategy.export.en')}</option>
        </select>
      </label>
      <a className="button button--secondary" href={href('export.pdf')} download>
        {t('strategy.export.pdf')}
      </a>
      <a className="button button--secondary" href={href('export.md')} download>
        {t('strategy.export.markdown')}
      </a>
    </div>
  );
}

/** `/w/:workspaceId/strategy`: the SMM plan — the guided builder, the plan, its edits, versions and exports. */
export function StrategyPage() {
  const { t, locale } = useI18n();
  const { workspace, can } = useWorkspace();
  const toast = useToast();
  const mayWrite = can('strategy.write');
  const current = useResource(`plan:${workspace.id}`, (signal) =>
    api.get(workspacePath(workspace.id, 'strategy', 'plan'), PlanVersionView.nullable(), { signal }),
  );
  const [mode, setMode] = useState<Mode>('view');

  if (current.error) return <LoadFailure error={current.error} onRetry={current.reload} />;
  if (current.data === undefined) return <LoadingBlock />;
  const version = current.data;

  const show = (saved: PlanVersion, message: string) => {
    current.setData(() => saved);
    setMode('view');
    toast.show(message);
  };

  return (
    <section className="page page--wide strategy">
      <header className="page__header">
        <h1>{t('strategy.title')}</h1>
        <p className="lead">{t('strategy.lead')}</p>
      </header>

      {(mode === 'build' || (version === null && mayWrite)) && (
        <PlanBuilderForm
          workspaceId={workspace.id}
          initial={version?.plan.answers}
          defaultLanguage={workspace.locale}
          onGenerated={(saved) => show(saved, t('strategy.builder.generated', { version: saved.version }))}
          onCancel={version ? () => setMode('view') : undefined}
        />
      )}

      {version === null && !mayWrite && (
        <EmptyState title={t('strategy.empty.title')}>{t('strategy.empty.readOnly')}</EmptyState>
      )}

      {version && mode === 'edit' && (
        <PlanEditor
          workspaceId={workspace.id}
          version={version}
          onSaved={(saved) => show(saved, t('strategy.editor.saved', { version: saved.version }))}
          onCancel={() => setMode('view')}
        />
      )}

      {version && mode === 'view' && (
        <>
          <div className="plan-toolbar">
            <p className="plan-toolbar__version" data-testid="plan-version">
              {t('strategy.currentVersion', { version: version.version })}
            </p>
            {mayWrite && (
              <div className="plan-actions">
                <Button variant="primary" onClick={() => setMode('edit')}>
                  {t('strategy.edit')}
                </Button>
                <Button onClick={() => setMode('build')}>{t('strategy.rebuild')}</Button>
              </div>
            )}
          </div>
          <PlanExports workspaceId={workspace.id} version={version.version} />
          <PlanDocumentView plan={version.plan as Plan} locale={locale} />
          <PlanVersions workspaceId={workspace.id} currentVersion={version.version} />
        </>
      )}
    </section>
  );
}
