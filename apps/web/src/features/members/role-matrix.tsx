import { RoleMatrix } from '@sillage/contracts';
import { permissions, type Permission } from '@sillage/domain';
import { api } from '../../api/client.ts';
import { useResource } from '../../api/use-resource.ts';
import { LoadFailure, LoadingBlock } from '../../app/status-blocks.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Table, type Column } from '../../ui/table.tsx';
import { permissionKey, roleKey } from './role-labels.ts';

/** What each role may do, from `GET /api/roles`: one row per permission, one column per role. */
export function RoleMatrixTable() {
  const { t } = useI18n();
  const matrix = useResource('roles', (signal) => api.get('/api/roles', RoleMatrix, { signal }));
  if (matrix.error) return <LoadFailure error={matrix.error} onRetry={matrix.reload} />;
  if (!matrix.data) return <LoadingBlock />;

  const granted = new Map(matrix.data.roles.map((entry) => [entry.role, new Set<Permission>(entry.permissions)]));
  const columns: Column<Permission>[] = [
    {
      key: 'permission',
      header: t('members.matrix.permission'),
      isRowHeader: true,
      cell: (permission) => t(permissionKey(permission)),
    },
    ...matrix.data.roles.map((entry): Column<Permission> => ({
      key: entry.role,
      header: t(roleKey(entry.role)),
      align: 'center',
      cell: (permission) =>
        granted.get(entry.role)?.has(permission) ? (
          <span className="matrix-yes">
            <span aria-hidden="true">✓</span>
            <span className="visually-hidden">{t('common.yes')}</span>
          </span>
        ) : (
          <span className="matrix-no">
            <span aria-hidden="true">–</span>
            <span className="visually-hidden">{t('common.no')}</span>
          </span>
        ),
    })),
  ];
  return (
    <div className="matrix">
      <Table
        caption={t('members.matrix.caption')}
        columns={columns}
        rows={[...permissions]}
        rowKey={(permission) => permission}
      />
    </div>
  );
}
