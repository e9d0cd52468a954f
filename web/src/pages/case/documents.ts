import { ADMISSION_DOCUMENT_KINDS, RECOGNITION_DOCUMENT_KINDS } from '../../../../src/domain/admission/dossier-checklist.js';

// The dossier documents a scan may be tagged as, per case kind (R-ADM-33, R-PROB-07): the lists
// of the server's domain, so the tags the form offers are the ones the server accepts.
export const ADMISSION_DOCUMENTS: readonly string[] = ADMISSION_DOCUMENT_KINDS;
export const RECOGNITION_DOCUMENTS: readonly string[] = RECOGNITION_DOCUMENT_KINDS;
