import { Card, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useSearchParams } from 'react-router';
import { isFullySignedIn, useSession } from '../../auth/session.js';
import { LanguageSwitch } from '../../shell/LanguageSwitch.js';
import { CredentialsForm } from './CredentialsForm.js';
import { PasswordChangeForm } from './PasswordChangeForm.js';
import { SecondFactorForm } from './SecondFactorForm.js';
import { TotpEnrolment } from './TotpEnrolment.js';

/** A deep link to return to after signing in; only our own paths, never another site. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

/**
 * Sign-in, one step at a time as the server's session stage says: credentials, then the second
 * factor (or enrolling one when the role requires it), then a forced password change.
 */
export function SignInPage() {
  const { t } = useTranslation();
  const { me, refresh } = useSession();
  const [params] = useSearchParams();
  if (isFullySignedIn(me)) return <Navigate to={safeNext(params.get('next'))} replace />;

  let step;
  if (!me) step = <CredentialsForm onDone={refresh} />;
  else if (me.user.stage === 'password') step = <SecondFactorForm onDone={refresh} />;
  else if (me.user.stage === 'totp_setup') step = <TotpEnrolment onDone={refresh} />;
  else step = <PasswordChangeForm forced onDone={refresh} />;

  return (
    <main id="main" style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', padding: '1rem', background: '#f3f1ee' }}>
      <Card style={{ width: '100%', maxWidth: '28rem' }}>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: '0.5rem' }}>
            <Typography.Title level={1} style={{ margin: 0, color: '#8e1b1b', fontSize: '1.75rem' }}>
              {t('app.name')}
            </Typography.Title>
            <LanguageSwitch />
          </div>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t('app.tagline')}
          </Typography.Paragraph>
          {step}
        </Space>
      </Card>
    </main>
  );
}
