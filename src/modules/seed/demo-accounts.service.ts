import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.js';
import type { DB } from '../../db/types.js';
import type { Role } from '../../domain/permissions.js';
import { insertAssignment } from '../auth/access.repository.js';
import { createUser } from '../auth/auth.service.js';
import { setUserOrgAndMember } from '../auth/auth.repository.js';
import { demoAnchors } from './seed.repository.js';

/** The one password of every demo account (README lists them; the demo only). */
export const DEMO_PASSWORD = 'dangvu-demo-2026';

export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  /** Which demo org the role holds on. */
  on: 'province' | 'commune' | 'cell';
}

// One account per role, so that anyone trying the demo sees what each kind of user sees.
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'bantochuc', displayName: 'Cán bộ Ban Tổ chức Tỉnh ủy (mẫu)', role: 'org_staff', on: 'province' },
  { username: 'bantochuc.xa', displayName: 'Cán bộ tổ chức Đảng ủy xã (mẫu)', role: 'org_staff', on: 'commune' },
  { username: 'ubkt', displayName: 'Cán bộ Ủy ban Kiểm tra Tỉnh ủy (mẫu)', role: 'inspection_staff', on: 'province' },
  { username: 'lanhdao', displayName: 'Lãnh đạo Tỉnh ủy (mẫu)', role: 'leader', on: 'province' },
  { username: 'bithu', displayName: 'Bí thư chi bộ (mẫu)', role: 'committee', on: 'cell' },
  { username: 'dangvien', displayName: 'Đảng viên (mẫu)', role: 'member', on: 'cell' },
];

/** Creates the demo accounts on the demo tree (after the demo dataset is loaded). */
export async function createDemoAccounts(db: Kysely<DB>, clock: Clock): Promise<readonly DemoAccount[]> {
  const anchors = await demoAnchors(db);
  const orgOf = { province: anchors.provinceId, commune: anchors.communeId, cell: anchors.cellId };
  for (const a of DEMO_ACCOUNTS) {
    const user = await createUser(db, { username: a.username, displayName: a.displayName, password: DEMO_PASSWORD, mustChangePassword: false });
    const link = a.role === 'member' ? anchors.memberId : null;
    await setUserOrgAndMember(db, user.id, orgOf[a.on], link);
    await insertAssignment(db, { userId: user.id, role: a.role, orgId: orgOf[a.on], validFrom: clock.today(), grantedBy: null });
  }
  return DEMO_ACCOUNTS;
}
