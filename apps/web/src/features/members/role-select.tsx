import type { Role } from '@sillage/domain';
import { useI18n } from '../../i18n/i18n.tsx';
import type { ControlProps } from '../../ui/field.tsx';
import { roleKey } from './role-labels.ts';

type RoleSelectProps = Partial<ControlProps> & {
  value: Role;
  options: Role[];
  onChange: (role: Role) => void;
};

/** A select of roles, named in the user's language. */
export function RoleSelect({ value, options, onChange, ...control }: RoleSelectProps) {
  const { t } = useI18n();
  const choices = options.includes(value) ? options : [value, ...options];
  return (
    <select {...control} className="select" value={value} onChange={(event) => onChange(event.target.value as Role)}>
      {choices.map((role) => (
        <option key={role} value={role}>
          {t(roleKey(role))}
        </option>
      ))}
    </select>
  );
}
