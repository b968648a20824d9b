import { LocaleField, TimeZoneField } from '../../i18n/locale-and-zone-fields.tsx';
import { useI18n, type Locale } from '../../i18n/i18n.tsx';
import { TextField } from '../../ui/text-field.tsx';

export type WorkspaceValues = { name: string; timeZone: string; locale: Locale };

/** The name, time zone and language of a workspace: shared by creation and settings. */
export function WorkspaceFields({
  values,
  onChange,
  errors,
  readOnly = false,
}: {
  values: WorkspaceValues;
  onChange: (values: WorkspaceValues) => void;
  errors: Record<string, string | undefined>;
  readOnly?: boolean;
}) {
  const { t } = useI18n();
  return (
    <>
      <TextField
        label={t('fields.workspaceName')}
        error={errors['name']}
        value={values.name}
        readOnly={readOnly}
        onChange={(name) => onChange({ ...values, name })}
      />
      <TimeZoneField
        label={t('fields.timeZone')}
        hint={t('fields.timeZoneHint')}
        error={errors['timeZone']}
        value={values.timeZone}
        disabled={readOnly}
        onChange={(timeZone) => onChange({ ...values, timeZone })}
      />
      <LocaleField
        label={t('fields.workspaceLanguage')}
        error={errors['locale']}
        value={values.locale}
        disabled={readOnly}
        onChange={(locale) => onChange({ ...values, locale })}
      />
    </>
  );
}
