import { api } from './client.js';
import type { LoginAnswer, Me, TotpSetup } from './types.js';

export const authApi = {
  me: () => api.get<Me>('/api/auth/me'),
  login: (username: string, password: string) => api.post<LoginAnswer>('/api/auth/login', { username, password }),
  logout: () => api.post<void>('/api/auth/logout'),
  changePassword: (currentPassword: string, newPassword: string) => api.post<void>('/api/auth/password', { currentPassword, newPassword }),
  verifyTotp: (answer: { code: string } | { recoveryCode: string }) => api.post<LoginAnswer>('/api/auth/totp/verify', answer),
  setupTotp: () => api.post<TotpSetup>('/api/auth/totp/setup'),
  enableTotp: (code: string) => api.post<{ recoveryCodes: string[] }>('/api/auth/totp/enable', { code }),
};
