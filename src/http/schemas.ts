import { z } from 'zod';
import { isIsoDate } from '../domain/calendar/iso-date.js';

// Shapes shared by every route's OpenAPI description.
export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown(),
    /** The values filled into the message, for clients that show it in another language. */
    params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  }),
});

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải theo định dạng YYYY-MM-DD')
  // The calendar's own check: arithmetic, not Date parsing (a million-row import checks five dates a row).
  .refine(isIsoDate, 'Ngày không tồn tại');

export const idParam = z.object({ id: z.coerce.number().int().positive() });

export const errorResponses = {
  400: errorBody,
  401: errorBody,
  403: errorBody,
  404: errorBody,
  409: errorBody,
};

/** Sign-in steps may also answer 429 (LOGIN_THROTTLED, with Retry-After). */
export const signInErrorResponses = { ...errorResponses, 429: errorBody };
