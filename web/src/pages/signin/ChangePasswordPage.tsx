import { PasswordChangeForm } from './PasswordChangeForm.js';

/** The signed-in user's own password change (from the user menu). */
export default function ChangePasswordPage() {
  return <PasswordChangeForm pageTitle onDone={() => undefined} />;
}
