import { useId, useState } from 'react';
import { Button } from './button.tsx';

type CopyValueProps = { label: string; value: string; copyLabel: string; copiedLabel: string };

/** A read-only value (a secret, a link) with a button that copies it. */
export function CopyValue({ label, value, copyLabel, copiedLabel }: CopyValueProps) {
  const id = useId();
  const [copied, setCopied] = useState(false);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      // Without clipboard access (plain http), select the text so Ctrl+C works.
      const input = document.getElementById(id);
      if (input instanceof HTMLInputElement) input.select();
    }
    setCopied(true);
  }

  return (
    <div className="copy-value">
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <div className="copy-value__row">
        <input
          id={id}
          className="input input--mono"
          readOnly
          value={value}
          onFocus={(event) => event.currentTarget.select()}
        />
        <Button onClick={copy}>{copied ? copiedLabel : copyLabel}</Button>
      </div>
      <span className="visually-hidden" role="status">
        {copied ? copiedLabel : ''}
      </span>
    </div>
  );
}
