import { useState } from 'react';
import { PublishingPauseView } from '@sillage/contracts';
import { z } from 'zod';
import { api, workspacePath } from '../../api/client.ts';
import { describeApiError } from '../../api/form-errors.ts';
import { useResource } from '../../api/use-resource.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { TextField } from '../../ui/text-field.tsx';
import { useToast } from '../../ui/toast.tsx';
import { useWorkspace } from '../workspaces/workspace-context.tsx';

/**
 * The publishing pause: a banner while the workspace's scheduled publishing is paused (with Resume), the Pause
 * action when a crisis is given, and after a resume the publications that fell due during the pause, each to
 * publish now or reschedule. Shown on the calendar and in the crisis room.
 */
export function PublishingPauseBanner({ crisis }: { crisis?: { id: string; title: string } }) {
  const { t, locale } = useI18n();
  const { workspace, can } = useWorkspace();
  const toast = useToast();
  const [busy, setBusy] = useState<string | null>(null);
  const [moves, setMoves] = useState<Record<string, { date: string; time: string }>>({});
  const path = workspacePath(workspace.id, 'publishing-pause');
  const state = useResource(`publishing-pause:${workspace.id}`, (signal) =>
    api.get(path, PublishingPauseView, { signal }),
  );
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' });
  const pause = state.data;

  async function act(key: string, call: () => Promise<unknown>) {
    setBusy(key);
    try {
      await call();
      state.reload();
    } catch (error) {
      toast.show(describeApiError(error, t), 'error');
    } finally {
      setBusy(null);
    }
  }

  if (!pause) return null;
  const mayPause = can('publishing.pause');
  return (
    <div className="publishing-pause" data-testid="publishing-pause">
      {pause.paused ? (
        <Alert tone="warning">
          <p data-testid="publishing-paused">
            {t('crisis.pause.banner', {
              at: pause.pausedAt ? when.format(new Date(pause.pausedAt)) : '—',
              name: pause.pausedByName ?? '—',
              reason: pause.reason ?? '',
            })}
          </p>
          {mayPause ? (
            <Button
              busy={busy === 'resume'}
              onClick={() => void act('resume', () => api.post(`${path}/resume`, PublishingPauseView))}
            >
              {t('crisis.pause.resume')}
            </Button>
          ) : null}
        </Alert>
      ) : crisis && mayPause ? (
        <Button
          variant="danger"
          busy={busy === 'pause'}
          onClick={() =>
            void act('pause', () => api.post(path, PublishingPauseView, { reason: crisis.title, crisisId: crisis.id }))
          }
        >
          {t('crisis.pause.button')}
        </Button>
      ) : null}
      {!pause.paused && pause.held.length > 0 ? (
        <Alert tone="info">
          <p>{t('crisis.pause.held', { count: pause.held.length })}</p>
          <ul className="publishing-pause__held">
            {pause.held.map((row) => {
              const move = moves[row.publicationId] ?? { date: '', time: '' };
              return (
                <li key={row.publicationId}>
                  <p>
                    {row.channelName} · {row.scheduledAt ? when.format(new Date(row.scheduledAt)) : '—'} · {row.text}
                  </p>
                  {can('content.publish') ? (
                    <div className="publishing-pause__actions">
                      <Button
                        busy={busy === `now:${row.publicationId}`}
                        onClick={() =>
                          void act(`now:${row.publicationId}`, () =>
                            api.post(workspacePath(workspace.id, 'posts', row.postId, 'publish-now'), z.unknown()),
                          )
                        }
                      >
                        {t('crisis.pause.publishNow')}
                      </Button>
                      <TextField
                        label={t('crisis.pause.rescheduleDate')}
                        type="date"
                        value={move.date}
                        onChange={(date) => setMoves({ ...moves, [row.publicationId]: { ...move, date } })}
                      />
                      <TextField
                        label={t('crisis.pause.rescheduleTime')}
                        type="time"
                        value={move.time}
                        onChange={(time) => setMoves({ ...moves, [row.publicationId]: { ...move, time } })}
                      />
                      <Button
                        busy={busy === `move:${row.publicationId}`}
                        disabled={!move.date || !move.time}
                        onClick={() =>
                          void act(`move:${row.publicationId}`, () =>
                            api.post(workspacePath(workspace.id, 'posts', row.postId, 'schedule'), z.unknown(), {
                              date: move.date,
                              time: move.time,
                              timeZone: workspace.timeZone,
                            }),
                          )
                        }
                      >
                        {t('crisis.pause.reschedule')}
                      </Button>
                    </div>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </Alert>
      ) : null}
    </div>
  );
}
