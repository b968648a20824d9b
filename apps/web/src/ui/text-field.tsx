import type { InputHTMLAttributes } from 'react';
import { Field } from './field.tsx';

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value' | 'id'> & {
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  value: string;
  onChange: (value: string) => void;
};

/**
 * A labelled text input (text, e-mail, password...) with its hint and error.
 * @example <TextField label="E-mail" type="email" value={email} onChange={setEmail} error={errors.email} />
 */
export function TextField({ label, error, hint, value, onChange, className, ...input }: TextFieldProps) {
  return (
    <Field label={label} error={error} hint={hint}>
      {(control) => (
        <input
          {...input}
          {...control}
          className={className ?? 'input'}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}
