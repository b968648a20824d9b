import { Field } from './field.tsx';

type SelectFieldProps<V extends string> = {
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  value: V;
  options: readonly { value: V; label: string }[];
  onChange: (value: V) => void;
  disabled?: boolean;
};

/**
 * A labelled select among known values, with its hint and error.
 * @example <SelectField label="Language" value={locale} options={[{ value: 'fr', label: 'Français' }]} onChange={setLocale} />
 */
export function SelectField<V extends string>({
  label,
  error,
  hint,
  value,
  options,
  onChange,
  disabled,
}: SelectFieldProps<V>) {
  return (
    <Field label={label} error={error} hint={hint}>
      {(control) => (
        <select
          {...control}
          className="select"
          value={value}
          disabled={disabled}
          onChange={(event) => onChange(options.find((option) => option.value === event.target.value)?.value ?? value)}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
