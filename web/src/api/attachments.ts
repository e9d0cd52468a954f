import { api } from './client.js';

// Scanned attachments of a case (issue 5 item 10): the admission, recognition and transfer cases
// share one shape; `base` is the case's own path (/api/admission-cases/12).

export interface CaseAttachment {
  id: number;
  stepId: number | null;
  fileName: string;
  contentType: string;
  bytes: number;
  uploadedAt: string;
  /** Which dossier document it is (R-ADM-33, R-PROB-07), when tagged. */
  document: string | null;
}

export const attachmentKeys = {
  list: (base: string) => ['attachments', base] as const,
};

export const attachmentApi = {
  list: (base: string, signal?: AbortSignal) => api.get<{ items: CaseAttachment[] }>(`${base}/attachments`, undefined, signal),
  /** The bytes go raw; the server decides the type from them (PDF, JPEG or PNG). */
  upload: (base: string, file: File, stepId: number | null, document: string | null = null) =>
    api.upload<CaseAttachment>(`${base}/attachments`, { name: file.name, step: stepId, document }, file),
  url: (base: string, id: number) => `${base}/attachments/${id}`,
};
