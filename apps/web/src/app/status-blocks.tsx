import { describeApiError } from '../api/form-errors.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Alert } from '../ui/alert.tsx';
import { Button } from '../ui/button.tsx';

/** Shown while a page's data is on its way. */
export function LoadingBlock() {
  const { t } = useI18n();
  return (
    <p className="loading" role="status">
      {t('common.loading')}
    </p>
  );
}

/** A failed load, said plainly, with a way to try again. */
export function LoadFailure({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <Alert tone="error">
      <p>{describeApiError(error, t)}</p>
      {onRetry && <Button onClick={onRetry}>{t('common.retry')}</Button>}
    </Alert>
  );
}
