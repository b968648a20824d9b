import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { permissionsOf, permits, validateCustomRole } from './custom-roles.ts';
import { permissionMatrix } from './permissions.ts';

describe('custom roles', () => {
  it("decides with the custom role's permissions when there is one, else with the built-in role's", () => {
    assert.equal(permits({ role: 'editor' }, 'content.write'), true);
    assert.equal(permits({ role: 'editor', customPermissions: ['content.read'] }, 'content.write'), false);
    assert.equal(permits({ role: 'client', customPermissions: ['inbox.reply'] }, 'inbox.reply'), true);
    assert.deepEqual(permissionsOf({ role: 'analyst' }).sort(), [...permissionMatrix.analyst].sort());
    assert.deepEqual(permissionsOf({ role: 'owner', customPermissions: ['audit.read', 'workspace.read'] }), [
      'workspace.read',
      'audit.read',
    ]);
  });

  it('accepts a role its creator could give, with permissions they hold', () => {
    const problems = validateCustomRole(
      { name: 'Moderator', baseRole: 'community_manager', permissions: ['workspace.read', 'inbox.reply'] },
      { role: 'admin' },
    );
    assert.deepEqual(problems, []);
  });

  it('refuses escalation, owner as a base, unknown permissions, built-in names and empty roles, naming each field', () => {
    const escalation = validateCustomRole(
      { name: 'Sneaky', baseRole: 'client', permissions: ['workspace.read', 'members.manage'] },
      { role: 'strategist' },
    );
    assert.deepEqual(
      escalation.map((problem) => problem.field),
      ['permissions'],
    );
    assert.match(escalation[0]!.reason, /members\.manage/);
    const narrowed = validateCustomRole(
      { name: 'Reader', baseRole: 'client', permissions: ['audit.read'] },
      { role: 'admin', customPermissions: ['workspace.read', 'members.manage'] },
    );
    assert.match(narrowed[0]!.reason, /audit\.read/);
    const fields = validateCustomRole(
      { name: 'Community manager', baseRole: 'owner', permissions: ['nope'] },
      { role: 'owner' },
    ).map((problem) => problem.field);
    assert.deepEqual(fields, ['name', 'baseRole', 'permissions']);
    assert.deepEqual(
      validateCustomRole({ name: 'x', baseRole: 'superuser', permissions: [] }, { role: 'owner' }).map(
        (problem) => problem.field,
      ),
      ['name', 'baseRole', 'permissions'],
    );
  });
});
