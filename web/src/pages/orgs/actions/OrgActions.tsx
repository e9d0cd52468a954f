import { Button, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrgDetails } from '../../../api/types.js';
import { useSession } from '../../../auth/session.js';
import { CreateOrgModal } from './CreateOrgModal.js';
import { DissolveOrgModal } from './DissolveOrgModal.js';
import { MergeOrgModal } from './MergeOrgModal.js';
import { MoveOrgModal } from './MoveOrgModal.js';
import { RenameOrgModal } from './RenameOrgModal.js';

type Action = 'create' | 'rename' | 'move' | 'merge' | 'dissolve';

/** The structure changes this user may make on this org; each opens its own dialog. */
export function OrgActions({ details }: { details: OrgDetails }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const [open, setOpen] = useState<Action | null>(null);
  const close = () => setOpen(null);
  const buttons: Action[] = [...(can('org', 'create') ? (['create'] as const) : []), ...(can('org', 'update') ? (['rename', 'move', 'merge', 'dissolve'] as const) : [])];
  if (!buttons.length) return null;
  return (
    <>
      <Space wrap>
        {buttons.map((a) => (
          <Button key={a} onClick={() => setOpen(a)} danger={a === 'dissolve'} type={a === 'create' ? 'primary' : 'default'}>
            {t(`orgs.actions.${a}`)}
          </Button>
        ))}
      </Space>
      {open === 'create' && <CreateOrgModal parent={details} onClose={close} />}
      {open === 'rename' && <RenameOrgModal details={details} onClose={close} />}
      {open === 'move' && <MoveOrgModal details={details} onClose={close} />}
      {open === 'merge' && <MergeOrgModal details={details} onClose={close} />}
      {open === 'dissolve' && <DissolveOrgModal details={details} onClose={close} />}
    </>
  );
}
