import { useMemo } from 'react';
import { SelectField } from '../ui/select-field.tsx';
import { timeZoneOptions } from './format.ts';
import { useI18n, type Locale } from './i18n.tsx';

type Props<V extends string> = {
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  value: V;
  onChange: (value: V) => void;
  disabled?: boolean;
};

/** A select of the interface languages, each named in its own language. */
export function LocaleField(props: Props<Locale>) {
  const { t } = useI18n();
  const options = [
    { value: 'fr' as const, label: t('language.fr') },
    { value: 'en' as const, label: t('language.en') },
  ];
  return <SelectField {...props} options={options} />;
}

/** A select of every IANA time zone the browser knows (plus the current value). */
export function TimeZoneField(props: Props<string>) {
  const options = useMemo(
    () => timeZoneOptions(props.value).map((zone) => ({ value: zone, label: zone })),
    [props.value],
  );
  return <SelectField {...props} options={options} />;
}
