import { admissionDueSource } from '../admission/admission.service.js';
import { exemptionDueSource } from '../exit/exemption.service.js';
import { removalDueSource } from '../exit/exit.service.js';
import { recognitionDueSource } from '../recognition/recognition.service.js';
import { recordUpdateDueSource } from '../records/record-update.due.js';
import { transferDueSource } from '../transfer/transfer.service.js';
import type { DueSource } from './due.source.js';

/** Every kind of case with deadlines on the due list; a new case module adds its source here. */
export const DUE_SOURCES: readonly DueSource[] = [admissionDueSource, recognitionDueSource, transferDueSource, removalDueSource, exemptionDueSource, recordUpdateDueSource];
