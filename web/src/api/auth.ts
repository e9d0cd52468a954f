import { api, setCsrfToken } from './client.js';
import type { LoginAnswer, Me, TotpSetup } from './types.js';

export const authApi = {
  me: () => api.get<Me>('/api/auth/me'),
  login: (username: string, password: string) => api.post<LoginAnswer>('/api/auth/login', { username, password }),
  logout: () => api.post<void>('/api/auth/logout'),
  // Both give the session a new token (and so a new anti-forgery token): keep using the new one.
  changePassword: async (currentPassword: string, newPassword: string) => {
    const answer = await api.post<{ csrfToken: string }>('/api/auth/password', { currentPassword, newPassword });
    setCsrfToken(answer.csrfToken);
    return answer;
  },
  verifyTotp: (answer: { code: string } | { recoveryCode: string }) => api.post<LoginAnswer>('/api/auth/totp/verify', answer),
  setupTotp: () => api.post<TotpSetup>('/api/auth/totp/setup'),
  enableTotp: async (code: string) => {
    const answer = await api.post<{ recoveryCodes: string[]; csrfToken: string }>('/api/auth/totp/enable', { code });
    setCsrfToken(answer.csrfToken);
    return answer;
  },
};
