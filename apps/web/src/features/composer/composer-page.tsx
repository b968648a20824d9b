import { useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Channel, PostView, ValidatePostResult, type ContentProblem } from '@sillage/contracts';
import { describeIssue, formatsOf, textCounters, type ContentIssue, type PostFormat } from '@sillage/domain';
import { api, ApiError, workspacePath } from '../../api/client.ts';
import { describeApiError } from '../../api/form-errors.ts';
import { useResource } from '../../api/use-resource.ts';
import { LoadFailure, LoadingBlock } from '../../app/status-blocks.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { SelectField } from '../../ui/select-field.tsx';
import { TextField } from '../../ui/text-field.tsx';
import { networkName } from '../channels/networks.ts';
import { useWorkspace } from '../workspaces/workspace-context.tsx';
import { libraryMedia, mediaLabel, probeMedia } from './composer-media.ts';
import { MediaPicker } from '../media/media-picker.tsx';
import {
  clearDraft,
  emptyDraft,
  featuresOf,
  isNetwork,
  issuesOf,
  loadDraft,
  newVariant,
  problemMessage,
  requestOf,
  saveDraft,
  type ChannelRef,
  type ComposerDraft,
  type VariantDraft,
} from './composer-model.ts';
import { ChannelPreview } from './composer-previews.tsx';

/** A multi-line text area with its label, as the ui/ fields are labelled. */
function TextArea(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  rows?: number;
}) {
  return (
    <div className="field">
      <label htmlFor={props.id} className="field__label">
        {props.label}
      </label>
      <textarea
        id={props.id}
        className="textarea"
        rows={props.rows ?? 4}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
      />
    </div>
  );
}

function IssueList({
  issues,
  testId,
}: {
  issues: { key: string; severity: string; message: string }[];
  testId: string;
}) {
  if (issues.length === 0) return null;
  return (
    <ul className="composer__issues" data-testid={testId}>
      {issues.map((issue) => (
        <li key={issue.key} className={`composer__issue composer__issue--${issue.severity}`}>
          {issue.message}
        </li>
      ))}
    </ul>
  );
}

/** One channel's tab: its format, text, thread, media, first comment, link and title, with the preview beside. */
function VariantEditor(props: {
  draft: ComposerDraft;
  channel: ChannelRef;
  variant: VariantDraft;
  issues: ContentIssue[];
  serverProblems: ContentProblem[];
  onChange: (variant: VariantDraft) => void;
}) {
  const { t, locale } = useI18n();
  const { draft, channel, variant, onChange } = props;
  const [mediaUrl, setMediaUrl] = useState('');
  const [adding, setAdding] = useState(false);
  const { workspace } = useWorkspace();
  const features = featuresOf(channel.network, variant.format);
  const formats: PostFormat[] = isNetwork(channel.network) ? formatsOf(channel.network) : [variant.format];
  const id = (name: string) => `composer-${channel.id}-${name}`;
  const set = (patch: Partial<VariantDraft>) => onChange({ ...variant, ...patch });
  const addMedia = async (url: string) => {
    setAdding(true);
    try {
      const item = await probeMedia(url);
      onChange({ ...variant, media: [...variant.media, item] });
      setMediaUrl('');
    } finally {
      setAdding(false);
    }
  };
  const counters = isNetwork(channel.network)
    ? textCounters(channel.network, variant.format, variant.text || draft.text)
    : [];
  const localIssues = props.issues.map((issue, index) => ({
    key: `local-${index}`,
    severity: issue.severity,
    message: describeIssue(issue, locale),
  }));
  const serverIssues = props.serverProblems.map((problem, index) => ({
    key: `server-${index}`,
    severity: problem.severity ?? 'error',
    message: problemMessage(problem, variant.format, locale),
  }));

  return (
    <div className="composer__variant" data-testid={`variant-${channel.network}`}>
      <div className="composer__variant-form">
        <SelectField
          label={t('composer.format')}
          value={variant.format}
          options={formats.map((format) => ({ value: format, label: t(`composer.format.${format}`) }))}
          onChange={(format) => set({ format })}
        />
        {features.text ? (
          <>
            <TextArea
              id={id('text')}
              label={t('composer.variantText')}
              value={variant.text}
              onChange={(text) => set({ text })}
            />
            <p className="field__hint">{variant.text ? t('composer.ownText') : t('composer.sharedTextUsed')}</p>
            <p className="composer__counters">
              {counters.map((counter) => (
                <span
                  key={counter.counting}
                  className={counter.remaining < 0 ? 'composer__counter composer__counter--over' : 'composer__counter'}
                >
                  {t('composer.counter', { count: counter.count, limit: counter.limit })} ·{' '}
                  {t(`composer.counting.${counter.counting}`)}
                </span>
              ))}
            </p>
          </>
        ) : null}
        {features.threadParts ? (
          <fieldset className="composer__thread">
            <legend>{t('composer.threadParts')}</legend>
            {variant.threadParts.map((part, index) => (
              <div key={index} className="composer__thread-part">
                <TextArea
                  id={id(`part-${index}`)}
                  label={t('composer.threadPart', { number: index + 2 })}
                  rows={2}
                  value={part}
                  onChange={(text) =>
                    set({ threadParts: variant.threadParts.map((entry, at) => (at === index ? text : entry)) })
                  }
                />
                <Button
                  variant="ghost"
                  onClick={() => set({ threadParts: variant.threadParts.filter((_, at) => at !== index) })}
                >
                  {t('composer.removePart', { number: index + 2 })}
                </Button>
              </div>
            ))}
            <Button onClick={() => set({ threadParts: [...variant.threadParts, ''] })}>{t('composer.addPart')}</Button>
          </fieldset>
        ) : null}
        <fieldset className="composer__media">
          <legend>{t('composer.media')}</legend>
          {variant.media.length ? (
            <ol className="composer__media-list">
              {variant.media.map((item, index) => (
                <li key={`${item.url}-${index}`}>
                  <span className="composer__media-name">{mediaLabel(item)}</span>
                  <span className="composer__media-meta">
                    {[item.mimeType, item.width && item.height ? `${item.width}×${item.height}` : '']
                      .filter(Boolean)
                      .join(' · ')}
                  </span>
                  <Button variant="ghost" onClick={() => set({ media: variant.media.filter((_, at) => at !== index) })}>
                    {t('composer.removeMedia')}
                  </Button>
                </li>
              ))}
            </ol>
          ) : (
            <p className="field__hint">{t('composer.noMedia')}</p>
          )}
          <MediaPicker
            workspaceId={workspace.id}
            busy={adding}
            onPick={(picked) => onChange({ ...variant, media: [...variant.media, libraryMedia(picked)] })}
          />
          <div className="composer__media-url">
            <TextField
              label={t('composer.mediaUrl')}
              hint={t('composer.mediaUrlHint')}
              type="url"
              value={mediaUrl}
              onChange={setMediaUrl}
            />
            <Button busy={adding} disabled={!/^https?:\/\/\S+$/.test(mediaUrl)} onClick={() => void addMedia(mediaUrl)}>
              {t('composer.addMedia')}
            </Button>
          </div>
        </fieldset>
        {features.title ? (
          <TextField label={t('composer.title')} value={variant.title} onChange={(title) => set({ title })} />
        ) : null}
        {features.link ? (
          <TextField label={t('composer.link')} type="url" value={variant.link} onChange={(link) => set({ link })} />
        ) : null}
        {features.firstComment ? (
          <TextArea
            id={id('first-comment')}
            label={t('composer.firstComment')}
            rows={2}
            value={variant.firstComment}
            onChange={(firstComment) => set({ firstComment })}
          />
        ) : null}
        <IssueList issues={localIssues} testId={`issues-${channel.network}`} />
        <IssueList issues={serverIssues} testId={`server-problems-${channel.network}`} />
      </div>
      <div className="composer__preview">
        <h3>{t('composer.preview')}</h3>
        <ChannelPreview draft={draft} channel={channel} variant={variant} />
      </div>
    </div>
  );
}

/**
 * `/w/:id/compose`: one post for several channels. A shared text, then per channel its native format and
 * variant, a preview that looks like the network, the rules table's problems as the user types, and the server's
 * on submit. The draft is saved on this browser per workspace and restored on return.
 */
export function ComposerPage() {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const { workspace, can } = useWorkspace();
  const channelsResource = useResource(`channels:${workspace.id}`, (signal) =>
    api.get(workspacePath(workspace.id, 'channels'), Channel.array(), { signal }),
  );
  const [draft, setDraft] = useState<ComposerDraft>(() => loadDraft(workspace.id) ?? emptyDraft());
  const [restored] = useState(() => loadDraft(workspace.id) !== undefined);
  const [active, setActive] = useState<string>();
  const [problems, setProblems] = useState<ContentProblem[]>([]);
  const [formError, setFormError] = useState<string>();
  const [checked, setChecked] = useState<'ok' | undefined>();
  const [busy, setBusy] = useState(false);

  useEffect(() => saveDraft(workspace.id, draft), [workspace.id, draft]);

  const channels: ChannelRef[] = useMemo(
    () =>
      (channelsResource.data ?? []).map((channel) => ({
        id: channel.id,
        network: channel.network,
        name: channel.name,
      })),
    [channelsResource.data],
  );
  const chosen = channels.filter((channel) => draft.channelIds.includes(channel.id));
  const current = chosen.find((channel) => channel.id === active) ?? chosen[0];
  const variantOf = (channel: ChannelRef) => draft.variants[channel.id] ?? newVariant(channel.network);
  const issues = new Map(chosen.map((channel) => [channel.id, issuesOf(draft, channel, variantOf(channel))]));
  const errorCount = (channelId: string) =>
    (issues.get(channelId) ?? []).filter((issue) => issue.severity === 'error').length +
    problems.filter((problem) => problem.channelId === channelId && problem.severity !== 'warning').length;

  const update = (next: ComposerDraft) => {
    setDraft(next);
    setProblems([]);
    setChecked(undefined);
  };
  const toggleChannel = (channel: ChannelRef) => {
    const on = draft.channelIds.includes(channel.id);
    update({
      ...draft,
      channelIds: on ? draft.channelIds.filter((id) => id !== channel.id) : [...draft.channelIds, channel.id],
      variants:
        on || draft.variants[channel.id]
          ? draft.variants
          : { ...draft.variants, [channel.id]: newVariant(channel.network) },
    });
    if (!on) setActive(channel.id);
  };

  const fail = (error: unknown) => {
    if (error instanceof ApiError && error.code === 'content_rejected') {
      const details = error.details as { problems?: ContentProblem[] } | undefined;
      setProblems(details?.problems ?? []);
      setFormError(t('composer.rejected'));
    } else setFormError(describeApiError(error, t));
  };
  const scheduleChosen = draft.date !== '' && draft.time !== '';
  const check = async () => {
    setFormError(undefined);
    setBusy(true);
    try {
      const result = await api.post(
        workspacePath(workspace.id, 'posts', 'validate'),
        ValidatePostResult,
        requestOf(draft, channels, workspace.timeZone, scheduleChosen),
      );
      setProblems(result.problems);
      setChecked(result.ok ? 'ok' : undefined);
      if (!result.ok) setFormError(t('composer.rejected'));
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };
  const submit = async (schedule: boolean) => {
    setFormError(undefined);
    if (schedule && !scheduleChosen) {
      setFormError(t('composer.chooseTime'));
      return;
    }
    setBusy(true);
    try {
      await api.post(
        workspacePath(workspace.id, 'posts'),
        PostView,
        requestOf(draft, channels, workspace.timeZone, schedule),
      );
      clearDraft(workspace.id);
      void navigate(`/w/${workspace.id}/calendar`);
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  if (channelsResource.error) return <LoadFailure error={channelsResource.error} onRetry={channelsResource.reload} />;
  if (!channelsResource.data) return <LoadingBlock />;

  return (
    <section className="page composer">
      <header className="page__header">
        <h1>{t('composer.heading')}</h1>
        <p className="lead">{t('composer.lead', { zone: workspace.timeZone })}</p>
      </header>
      {restored ? <p className="field__hint">{t('composer.restored')}</p> : null}
      <fieldset className="composer__channels">
        <legend>{t('composer.channels')}</legend>
        {channels.length === 0 ? <p>{t('composer.noChannels')}</p> : null}
        {channels.map((channel) => (
          <label key={channel.id} className="composer__channel">
            <input
              type="checkbox"
              checked={draft.channelIds.includes(channel.id)}
              onChange={() => toggleChannel(channel)}
            />
            {networkName(channel.network)} · {channel.name}
          </label>
        ))}
      </fieldset>
      <TextArea
        id="composer-shared-text"
        label={t('composer.sharedText')}
        rows={5}
        value={draft.text}
        onChange={(text) => update({ ...draft, text })}
      />
      {chosen.length && current ? (
        <div className="composer__tabs">
          <div className="composer__tablist" role="tablist" aria-label={t('composer.variants')}>
            {chosen.map((channel) => {
              const count = errorCount(channel.id);
              return (
                <button
                  key={channel.id}
                  type="button"
                  role="tab"
                  id={`composer-tab-${channel.id}`}
                  aria-selected={channel.id === current.id}
                  aria-controls={`composer-panel-${channel.id}`}
                  className={channel.id === current.id ? 'composer__tab composer__tab--active' : 'composer__tab'}
                  onClick={() => setActive(channel.id)}
                >
                  {networkName(channel.network)}
                  {count ? (
                    <span className="composer__tab-badge" aria-label={t('composer.problemCount', { count })}>
                      {count}
                    </span>
                  ) : null}
                </button>
              );
            })}
          </div>
          <div role="tabpanel" id={`composer-panel-${current.id}`} aria-labelledby={`composer-tab-${current.id}`}>
            <VariantEditor
              key={current.id}
              draft={draft}
              channel={current}
              variant={variantOf(current)}
              issues={issues.get(current.id) ?? []}
              serverProblems={problems.filter((problem) => problem.channelId === current.id)}
              onChange={(variant) => update({ ...draft, variants: { ...draft.variants, [current.id]: variant } })}
            />
          </div>
        </div>
      ) : (
        <p className="field__hint">{t('composer.pickChannels')}</p>
      )}
      <fieldset className="composer__schedule">
        <legend>{t('composer.schedule')}</legend>
        <TextField
          label={t('composer.date')}
          type="date"
          value={draft.date}
          onChange={(date) => update({ ...draft, date })}
        />
        <TextField
          label={t('composer.time')}
          type="time"
          hint={t('composer.zoneHint', { zone: workspace.timeZone })}
          value={draft.time}
          onChange={(time) => update({ ...draft, time })}
        />
      </fieldset>
      {formError ? (
        <Alert tone="error">
          <p>{formError}</p>
          {problems
            .filter((problem) => !chosen.some((channel) => channel.id === problem.channelId))
            .map((problem, index) => (
              <p key={index}>{problemMessage(problem, 'text', locale)}</p>
            ))}
        </Alert>
      ) : null}
      {checked === 'ok' ? <Alert tone="success">{t('composer.checkedOk')}</Alert> : null}
      <div className="composer__actions">
        <Button busy={busy} disabled={chosen.length === 0} onClick={() => void check()}>
          {t('composer.check')}
        </Button>
        <Button busy={busy} disabled={chosen.length === 0} onClick={() => void submit(false)}>
          {t('composer.saveDrafts')}
        </Button>
        {can('content.publish') ? (
          <Button variant="primary" busy={busy} disabled={chosen.length === 0} onClick={() => void submit(true)}>
            {t('composer.scheduleSubmit')}
          </Button>
        ) : null}
        <Button
          variant="ghost"
          onClick={() => {
            clearDraft(workspace.id);
            setDraft(emptyDraft());
            setProblems([]);
            setFormError(undefined);
          }}
        >
          {t('composer.discard')}
        </Button>
      </div>
    </section>
  );
}
