import { Alert, Button } from 'antd';

/**
 * "Someone else changed this record": the answer to a 409 on a versioned edit, with the reload
 * that fetches the current version. One look for every form that edits with `version`.
 */
export function StaleAlert({ title, help, reloadLabel, onReload }: { title: string; help: string; reloadLabel: string; onReload(): void }) {
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={title}
      description={help}
      action={<Button onClick={onReload}>{reloadLabel}</Button>}
      style={{ marginBottom: '1rem' }}
    />
  );
}
