import * as admission from './admission.params.js';
import * as badge from './badge.params.js';
import * as exit from './exit.params.js';
import type { RuleParam } from './params.js';
import * as probation from './probation.params.js';
import * as records from './records.params.js';
import * as transfer from './transfer.params.js';

// Every rule parameter, for the settings screen to come and for the tests that check them all.
const isParam = (x: unknown): x is RuleParam<unknown> => typeof x === 'object' && x !== null && 'versions' in x && 'ruleId' in x;

export const ALL_PARAMS: readonly RuleParam<unknown>[] = [admission, probation, badge, exit, transfer, records].flatMap((m) => Object.values(m).filter(isParam));
