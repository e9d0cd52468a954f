import { expect } from 'vitest';
import type { ApiHarness } from './api.js';
import { settle } from '../src/modules/import/import.service.js';

// The two API calls every import test makes: upload a file into an org (the job's dry run then
// runs to the end) and read a job with its problems. `J` is the test's own view of a job.
export function importCalls<J>(h: () => ApiHarness, orgId: () => number) {
  async function job(id: number): Promise<J> {
    const res = await h().app.inject({ method: 'GET', url: `/api/imports/${id}?problemsLimit=1000`, headers: h().headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }
  async function upload(bytes: Uint8Array, fileName: string, query: Record<string, string | number> = {}, headers = h().headers): Promise<J> {
    const qs = new URLSearchParams({ fileName, orgId: String(orgId()), ...Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])) });
    const res = await h().app.inject({ method: 'POST', url: `/api/imports?${qs}`, payload: Buffer.from(bytes), headers: { ...headers, 'content-type': 'application/octet-stream' } });
    expect(res.statusCode, res.body).toBe(202);
    await settle();
    return job(res.json<{ id: number }>().id);
  }
  return { upload, job };
}
